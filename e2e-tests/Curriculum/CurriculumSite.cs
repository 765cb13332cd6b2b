using System.Reflection;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.E2E.Curriculum;

/// <summary>
/// One running app for all the curriculum tests, on its own database, showing the real English
/// curriculum plus one French translation (module 1) written here. Copying only the English files
/// keeps "a module with no French translation" true whatever French content the repository gains
/// later. The curriculum pages only read, and each test has its own browser context (cookies,
/// language), so the tests share the app without sharing state; one start instead of one per class
/// saves most of the suite's CPU time.
/// </summary>
public sealed class CurriculumSite(TestDatabases databases) : IAsyncLifetime
{
    public const string TranslatedModuleSlug = "if-you-are-not-paying";
    public const string TranslatedModuleTitle = "Si vous ne payez pas le produit";

    public static readonly string RepositoryContent = Path.GetFullPath(Path.Combine(
        typeof(CurriculumSite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StudyGuide.Web.Directory").Value!,
        "..", "content"));

    readonly DirectoryInfo content = Directory.CreateTempSubdirectory("studyguide-e2e-content-");
    AppProcess? app;

    public AppProcess App => app ?? throw new InvalidOperationException("The site has not started.");

    public string Url(string path) => App.Url(path).ToString();

    public async ValueTask InitializeAsync()
    {
        CopyDirectory(Path.Combine(RepositoryContent, "en"), Path.Combine(content.FullName, "en"));
        var french = Directory.CreateDirectory(Path.Combine(content.FullName, "fr", "modules"));
        await File.WriteAllTextAsync(Path.Combine(french.FullName, "01-if-you-are-not-paying.md"), FrenchModule);

        var settings = AppSettings.WithDatabase(await databases.CreateDatabaseAsync())
            .With("StudyGuide__ContentDirectory", content.FullName);
        app = await AppProcess.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        content.Delete(recursive: true);
    }

    static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // "annonceurs" (advertisers) appears only here, so a French search for it can only find this file.
    const string FrenchModule = """
        ---
        title: Si vous ne payez pas le produit
        slug: if-you-are-not-paying
        order: 1
        summary: Qui paie les applications « gratuites », ce qu'il achète, et pourquoi cela façonne les applications de tous les jours.
        themes: [attention economy, advertising]
        ages: 13–15
        minutes: 45
        plan:
          - step: Introduction
            minutes: 10
            what: Demander aux élèves combien d'applications gratuites ils utilisent.
          - step: Activité
            minutes: 25
            what: Suivre l'argent, par groupes.
          - step: Conclusion
            minutes: 10
            what: Mise en commun et billet de sortie.
        materials:
          - text: Un tableau et des feutres
        scene: Les premiers entretiens, où d'anciens employés peinent à dire quel est le problème.
        exit_ticket:
          - Qui paie l'application que vous utilisez le plus ?
        objectives:
          - Les élèves savent expliquer comment une plateforme financée par la publicité gagne de l'argent.
          - Les élèves savent distinguer les utilisateurs, les clients et le produit d'un service.
        prompts:
          - « Vous êtes le produit » est-il une description juste ou exagérée ?
          - Quand les utilisateurs et les annonceurs veulent des choses différentes, qui l'emporte ?
          - Paieriez-vous un abonnement pour une application sans publicité ?
        reflection: Qui paie l'application que vous avez le plus utilisée cette semaine, et pour quoi ?
        actions:
          me: Pendant une semaine, notez chaque fois que vous ouvrez une application sans l'avoir décidé.
          us: En classe, dressez un tableau des services utilisés et de qui les paie.
          system: Dites si les plateformes devraient indiquer ce qu'elles gagnent grâce à notre attention, et pourquoi.
        sources:
          - author: Jeff Orlowski (réalisateur)
            title: The Social Dilemma
            publisher: Exposure Labs
            year: 2020
          - author: Facebook
            title: What 'The Social Dilemma' Gets Wrong
            publisher: Facebook
            year: 2020
        ---

        ## Contexte

        La plupart des applications d'un téléphone ne coûtent rien. Pourtant, les entreprises qui les font vivre comptent parmi les plus riches du monde : leurs clients sont les annonceurs.

        ::: counterpoint
        Facebook répond que la publicité permet d'offrir le service gratuitement à tous, y compris à ceux qui ne pourraient pas payer un abonnement.
        :::
        """;
}

[CollectionDefinition(nameof(CurriculumSiteCollection))]
public sealed class CurriculumSiteCollection : ICollectionFixture<CurriculumSite>;
