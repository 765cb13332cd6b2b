using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StudyGuide.Web;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

/// <summary>What Development's file watcher relies on: a reload swaps the library only when the files are clean.</summary>
public sealed class ServedCurriculumTests : IDisposable
{
    readonly ContentFolder folder = new();

    public void Dispose() => folder.Dispose();

    static StudyGuideOptions Settings(string contentDirectory) => StudyGuideOptions.Load(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StudyGuide:ContentDirectory"] = contentDirectory }).Build());

    ServedCurriculum Content() => new(
        Options.Create(Settings(folder.Root)),
        new Environment(),
        new EchoLocalizer());

    [Fact]
    public void A_reload_with_problems_keeps_the_previous_library()
    {
        folder.WriteModule("en", 1, "first");
        var content = Content();
        Assert.Empty(content.Reload());
        var loaded = content.Library;

        folder.WriteModule("en", 1, "first", change: t => t.Replace("title: Module first", "title: \"unclosed", StringComparison.Ordinal));
        var problems = content.Reload();

        Assert.NotEmpty(problems);
        Assert.Same(loaded, content.Library);
        Assert.Equal("Module first", content.Library.FindModule("first", "en")!.Title);
    }

    [Fact]
    public void A_clean_reload_swaps_in_the_new_library()
    {
        folder.WriteModule("en", 1, "first");
        var content = Content();
        content.Reload();

        folder.WriteModule("en", 1, "first", change: t => t.Replace("title: Module first", "title: A better title", StringComparison.Ordinal));

        Assert.Empty(content.Reload());
        Assert.Equal("A better title", content.Library.FindModule("first", "en")!.Title);
    }

    [Fact]
    public void A_relative_content_directory_is_resolved_against_the_content_root()
    {
        Assert.Equal("/srv/app/content", ServedCurriculum.ResolveDirectory(Settings("../content"), "/srv/app/StudyGuide.Web"));
        Assert.Equal("/data/content", ServedCurriculum.ResolveDirectory(Settings("/data/content"), "/srv/app/StudyGuide.Web"));
        Assert.Equal("/srv/app/content", ServedCurriculum.ResolveDirectory(Settings(""), "/srv/app/StudyGuide.Web"));
    }

    sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "StudyGuide.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    sealed class EchoLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
