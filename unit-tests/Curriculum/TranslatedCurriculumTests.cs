using System.Net;
using AngleSharp.Html.Parser;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Curriculum;

/// <summary>A small curriculum with one French translation, served by an app of its own.</summary>
public sealed class TranslatedCurriculumTests : IAsyncLifetime
{
    readonly ContentFolder content = new();
    readonly StudyGuideFactory app;

    public TranslatedCurriculumTests(TestDatabases databases)
    {
        content.WriteModule("en", 1, "first");
        content.WriteModule("en", 2, "second", body: "## Context\n\nSocial networks shape what we see.\n\n::: contested read-receipts-pressure\nDisputed.\n:::\n\n::: counterpoint\nNot everyone agrees.\n:::\n");
        content.WriteModule("fr", 2, "second",
            body: "## Contexte\n\nLes réseaux sociaux façonnent ce que nous voyons.\n\n::: contested read-receipts-pressure\nContesté.\n:::\n\n::: counterpoint\nTout le monde n'est pas d'accord.\n:::\n",
            change: t => t.Replace("title: Module second", "title: Deuxième module", StringComparison.Ordinal));
        content.WriteGuide("en", 1, "norms");
        app = new StudyGuideFactory(databases).WithSetting("StudyGuide:ContentDirectory", content.Root);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        content.Dispose();
    }

    async Task<AngleSharp.Dom.IDocument> GetAsync(string url)
    {
        var response = await app.CreateBrowser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_french_reader_gets_the_translation_without_a_note()
    {
        var page = await GetAsync("/modules/second?culture=fr");

        Assert.Equal("Deuxième module", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("fr", page.QuerySelector(".document-body")!.GetAttribute("lang"));
        Assert.Null(page.QuerySelector(".translation-note"));
    }

    [Fact]
    public async Task A_french_reader_gets_the_english_original_with_a_note_where_there_is_no_translation()
    {
        var page = await GetAsync("/modules/first?culture=fr");

        Assert.Equal("Module first", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".translation-note"));
    }

    [Fact]
    public async Task An_english_reader_still_gets_the_english_version()
    {
        var page = await GetAsync("/modules/second");

        Assert.Equal("Module second", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_french_catalogue_mixes_translations_and_originals_in_curriculum_order()
    {
        var page = await GetAsync("/modules?culture=fr");

        Assert.Equal(["Module first", "Deuxième module"], page.QuerySelectorAll(".catalogue h2 a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task French_search_uses_the_french_dictionary_and_the_readers_version()
    {
        // "réseau" finds "réseaux" only through French stemming.
        var french = await GetAsync("/search?culture=fr&q=r%C3%A9seau");
        var english = await GetAsync("/search?q=r%C3%A9seau");

        Assert.Equal(["/modules/second"], french.QuerySelectorAll(".search-results h3 a").Select(a => a.GetAttribute("href")));
        Assert.Empty(english.QuerySelectorAll(".search-results h3 a"));
    }

    [Fact]
    public async Task Box_headings_in_a_french_file_are_rendered_for_french()
    {
        var page = await GetAsync("/modules/second?culture=fr");

        // Until the French resource file exists the localiser answers with the English key; the point
        // is that the heading comes from the localiser for the file's language, at load time.
        Assert.NotNull(page.QuerySelector(".document-body aside.box-counterpoint .box-heading"));
    }
}
