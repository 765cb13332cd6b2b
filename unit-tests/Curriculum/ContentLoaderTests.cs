using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

/// <summary>Each kind of mistake an author can make is reported once, as `path:line: message`, at the line to fix.</summary>
public sealed class ContentLoaderTests : IDisposable
{
    readonly ContentFolder content = new();

    public void Dispose() => content.Dispose();

    List<string> Problems() => ContentLoader.Load(content.Root).Problems.Select(p => p.ToString()).ToList();

    void WriteValidCurriculum()
    {
        content.WriteModule("en", 1, "first");
        content.WriteModule("en", 2, "second");
        content.WriteGuide("en", 1, "screening");
    }

    [Fact]
    public void A_valid_folder_loads_with_no_problems_and_modules_in_order()
    {
        content.WriteModule("en", 2, "second");
        content.WriteModule("en", 1, "first");
        content.WriteGuide("en", 1, "screening");
        // content/README.md has no front matter: it is documentation, never a page.
        content.Write("README.md", "# Writing curriculum content\n");

        var result = ContentLoader.Load(content.Root);

        Assert.Empty(result.Problems);
        Assert.Equal(["first", "second"], result.Library.Modules("en").Select(m => m.Slug));
        Assert.Equal("screening", Assert.Single(result.Library.Guides("en")).Slug);
        var module = result.Library.FindModule("first", "en")!;
        Assert.Equal(30, module.Minutes);
        Assert.Equal(new ModuleActions("Mute one busy chat for an evening.", "Agree on a \"no replies after 10 pm\" rule.", "Decide whether read receipts should be off by default."), module.Actions);
        var claim = Assert.Single(module.Claims);
        Assert.Equal(ClaimStatus.Contested, claim.Status);
        Assert.Equal("Other researchers disagree.", claim.Note);
        Assert.Equal("https://www.humanetech.com/", module.Sources[2].Url);
    }

    [Fact]
    public void A_module_brings_its_lesson_at_a_glance_structured_sources_and_handouts()
    {
        content.WriteModule("en", 1, "first", change: t => t.Replace(
            "  - text: Paper and pens for each group\n",
            "  - text: Paper and pens for each group\n  - text: \"Two feeds (one copy per pair)\"\n    handout: two-feeds\n",
            StringComparison.Ordinal));
        content.WriteHandout("en", "first", "two-feeds", title: "Two feeds", audience: "teachers");

        var result = ContentLoader.Load(content.Root);

        Assert.Empty(result.Problems);
        var module = result.Library.FindModule("first", "en")!;
        Assert.Equal("13–15", module.Ages);
        Assert.Equal([("Starter", 5), ("Activity", 20), ("Close", 5)], module.Plan.Select(s => (s.Step, s.Minutes)));
        Assert.Equal("Groups write a chat charter.", module.Plan[1].What);
        Assert.Equal([new Material("Paper and pens for each group", null), new Material("Two feeds (one copy per pair)", "two-feeds")], module.Materials);
        Assert.Equal("The family dinner where every phone lights up at once.", module.Scene);
        Assert.Equal(["Name one design feature that creates pressure to reply."], module.ExitTicket);
        Assert.Equal("read-receipts-pressure", Assert.Single(module.Claims).Id);

        var study = module.Sources[1];
        Assert.Equal(new Source("Soroush Vosoughi, Deb Roy and Sinan Aral", "The spread of true and false news online", "Science", 2018, "10.1126/science.aap9559", null, null), study);
        Assert.Equal("https://doi.org/10.1126/science.aap9559", study.DoiUrl);

        var handout = Assert.Single(result.Library.HandoutsOf(module, "en"));
        Assert.Equal(("first", "two-feeds", "Two feeds", HandoutAudience.Teachers), (handout.ModuleSlug, handout.Name, handout.Title, handout.Audience));
        Assert.Contains("<table", handout.Body.Html.Value, StringComparison.Ordinal);
        Assert.Same(handout, result.Library.FindHandout("first", "two-feeds", "fr"));
        Assert.Null(result.Library.FindHandout("first", "no-such-handout", "en"));
    }

    [Fact]
    public void The_glossary_and_the_rubric_are_loaded_once_for_every_page()
    {
        var library = ContentLoader.Load(content.Root).Library;

        var glossary = library.Glossary("en")!;
        Assert.Equal(["read-receipt", "attention-economy"], glossary.Terms.Select(t => t.Id));
        Assert.Equal(["read receipts", "seen indicator"], glossary.Terms[0].Also);
        Assert.Equal("read receipt", glossary.Find("Read  Receipts")!.Term);
        Assert.Null(glossary.Find("receipt"));
        Assert.Same(glossary, library.Glossary("fr"));
        var rubric = library.Rubric("en")!;
        Assert.Equal("Reflection rubric", rubric.Title);
        Assert.Contains("Counter-view", rubric.Body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guide_may_carry_claims_and_sources_in_the_module_format()
    {
        content.WriteGuide("en", 1, "quick-facts",
            body: "## Makers\n\nThe film was released in 2020.\n\n::: contested reach\nOnly the makers say so.\n:::\n",
            change: t => t.Replace("order: 1\n", """
                order: 1
                claims:
                  - text: The film reached 38 million households in its first month.
                    source: Netflix, 2020
                    status: contested
                    id: reach
                    note: The figure is the filmmakers' own.
                sources:
                  - author: Jeff Orlowski (director)
                    title: The Social Dilemma
                    publisher: Exposure Labs
                    year: 2020

                """, StringComparison.Ordinal));

        var result = ContentLoader.Load(content.Root);

        Assert.Empty(result.Problems);
        var guide = result.Library.FindGuide("quick-facts", "en")!;
        Assert.Equal("reach", Assert.Single(guide.Claims).Id);
        Assert.Equal(2020, Assert.Single(guide.Sources).Year);
    }

    [Fact]
    public void Glossary_anchors_are_the_slugs_of_their_terms()
    {
        Assert.Equal("attention-economy", ContentLoader.TermId("Attention economy"));
        Assert.Equal("fear-of-missing-out-fomo", ContentLoader.TermId("Fear of missing out (FOMO)"));
        Assert.Equal("desinformation", ContentLoader.TermId("désinformation"));
        Assert.Equal("like-button", ContentLoader.TermId("“Like” button"));
    }

    [Fact]
    public void Unparseable_yaml_is_reported_at_its_line()
    {
        WriteValidCurriculum();
        var path = content.Edit("en/modules/02-second.md", t => t.Replace("summary: How group chats", "summary: Part one: how group chats", StringComparison.Ordinal));

        var problem = Assert.Single(Problems());

        Assert.StartsWith($"{path}:5: front matter is not valid YAML:", problem);
        Assert.Contains("double quotes", problem);
    }

    [Fact]
    public void A_missing_required_field_is_reported_at_the_front_matter_line()
    {
        WriteValidCurriculum();
        var path = content.Edit("en/modules/01-first.md", t => t.Replace("reflection: Describe one change that would make a group chat better.\n", "", StringComparison.Ordinal));

        Assert.Equal([$"{path}:1: missing required field 'reflection'"], Problems());
    }

    [Fact]
    public void A_missing_field_inside_a_claim_is_reported_at_that_claim()
    {
        WriteValidCurriculum();
        var path = content.Edit("en/modules/01-first.md", t => t.Replace("    source: An example study, 2020\n", "", StringComparison.Ordinal));

        Assert.Equal([$"{path}:{content.LineOf("en/modules/01-first.md", "- text: Read receipts")}: missing required field 'source' in 'claims'"], Problems());
    }

    [Fact]
    public void A_duplicate_slug_is_reported_at_the_second_files_slug_line()
    {
        var first = content.WriteModule("en", 1, "same");
        var second = content.WriteModule("en", 2, "same");

        Assert.Equal([$"{second}:3: the slug 'same' is already used by {first}"], Problems());
    }

    [Fact]
    public void A_duplicate_order_is_reported_at_the_second_files_order_line()
    {
        var first = content.WriteModule("en", 1, "alpha");
        var second = content.WriteModule("en", 1, "beta");

        Assert.Equal([$"{second}:4: order 1 is already used by {first}"], Problems());
    }

    [Fact]
    public void An_unknown_box_is_reported_at_its_line()
    {
        WriteValidCurriculum();
        var path = content.WriteModule("en", 3, "third", ContentFolder.DefaultModuleBody + "\n\n::: warning\nCareful.\n:::\n");

        Assert.Equal([$"{path}:{content.LineOf("en/modules/03-third.md", "::: warning")}: unknown box '::: warning'; use activity, note, prompt, counterpoint or contested"], Problems());
    }

    [Fact]
    public void A_box_that_is_never_closed_is_reported_at_its_opening_line()
    {
        WriteValidCurriculum();
        var path = content.WriteModule("en", 3, "third", ContentFolder.DefaultModuleBody + "\n\n::: note\nThis box never ends.\n");

        var line = content.LineOf("en/modules/03-third.md", "::: note");
        Assert.Equal([$"{path}:{line}: the box '::: note' is never closed; end it with a line of three colons (:::)"], Problems());
    }

    [Fact]
    public void A_link_to_a_module_or_guide_that_does_not_exist_is_reported_at_its_line()
    {
        WriteValidCurriculum();
        var body = ContentFolder.DefaultModuleBody + """


            See [the first module](/modules/first) and [the screening guide](/guides/screening#before).

            Then [a lost module](/modules/no-such-module).

            And [a lost guide](/guides/no-such-guide).
            """;
        var path = content.WriteModule("en", 3, "third", body);

        Assert.Equal(
            [
                $"{path}:{content.LineOf("en/modules/03-third.md", "a lost module")}: link to a module that does not exist: /modules/no-such-module",
                $"{path}:{content.LineOf("en/modules/03-third.md", "a lost guide")}: link to a guide that does not exist: /guides/no-such-guide",
            ],
            Problems());
    }

    [Fact]
    public void A_french_file_without_an_english_original_is_reported_at_its_slug_line()
    {
        WriteValidCurriculum();
        content.WriteModule("fr", 1, "first");
        var orphan = content.WriteModule("fr", 3, "orphan");

        Assert.Equal(
            [$"{orphan}:3: no English original with the slug 'orphan': a translation uses the same file name and slug as the English file"],
            Problems());
    }

    [Fact]
    public void A_slug_that_does_not_match_the_file_name_is_reported_at_the_slug_line()
    {
        WriteValidCurriculum();
        var path = content.WriteModule("en", 3, "third", change: t => t.Replace("slug: third", "slug: thrid", StringComparison.Ordinal));

        Assert.Equal([$"{path}:3: the slug 'thrid' must match the file name after the number: 'third'"], Problems());
    }

    [Fact]
    public void A_mistyped_field_is_reported_at_its_line_as_well_as_the_missing_one()
    {
        WriteValidCurriculum();
        var path = content.Edit("en/modules/01-first.md", t => t.Replace("minutes: 30", "minute: 30", StringComparison.Ordinal));

        Assert.Equal(
            [
                $"{path}:1: missing required field 'minutes'",
                $"{path}:{content.LineOf("en/modules/01-first.md", "minute: 30")}: unknown field 'minute'; see 'Module front matter' in content/README.md",
            ],
            Problems());
    }

    [Theory]
    [InlineData("minutes: 30", "minutes: 95", "minutes: 95", "'minutes' must be a whole number from 30 to 90")]
    [InlineData("    status: contested", "    status: disputed", "status: disputed", "'status' in 'claims' must be established, contested or self-reported, not 'disputed'")]
    [InlineData("    note: Other researchers disagree.\n", "", "status: contested", "a contested claim needs a 'note': in one sentence, who disagrees and why")]
    [InlineData("    url: https://www.humanetech.com/", "    url: javascript:alert(1)", "url: javascript", "'url' in 'sources' must be a full web address starting with https:// or http://")]
    [InlineData("themes: [persuasive design, attention economy]", "themes: persuasive design", "themes:", "'themes' must be a list: one '  - item' per line, or [first, second]")]
    public void A_field_with_a_wrong_value_is_reported_at_its_line(string original, string replacement, string lineText, string message)
    {
        WriteValidCurriculum();
        var path = content.Edit("en/modules/01-first.md", t => t.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Equal([$"{path}:{content.LineOf("en/modules/01-first.md", lineText)}: {message}"], Problems());
    }

    [Fact]
    public void A_module_without_a_counterpoint_is_reported()
    {
        WriteValidCurriculum();
        var path = content.WriteModule("en", 3, "third", "## Context\n\nOnly one side of the argument.\n\n::: contested read-receipts-pressure\nDisputed.\n:::\n");

        Assert.Equal([$"{path}:1: a module needs at least one '::: counterpoint' box: the strongest objection to its argument, fairly stated"], Problems());
    }

    [Fact]
    public void A_file_without_front_matter_is_reported_at_line_one()
    {
        WriteValidCurriculum();
        var path = content.Write("en/guides/notes.md", "Just some notes.\n");

        Assert.Equal([$"{path}:1: the file must start with front matter: a line '---', the fields, and another line '---'"], Problems());
    }

    [Fact]
    public void Pathological_nesting_is_reported_not_thrown()
    {
        WriteValidCurriculum();
        var body = ContentFolder.DefaultModuleBody + "\n\n" + new string('>', 100_000) + " deep\n";
        var path = content.WriteModule("en", 3, "third", body);

        Assert.Equal(
            [$"{path}:{content.BodyFirstLine("en/modules/03-third.md")}: the text is nested too deeply to display (too many '>' or list levels)"],
            Problems());
    }

    [Fact]
    public void A_missing_content_folder_is_a_problem_not_a_crash()
    {
        var missing = Path.Combine(content.Root, "nowhere");

        var problem = Assert.Single(ContentLoader.Load(missing).Problems);

        Assert.Equal(missing, problem.Path);
    }

    [Fact]
    public void A_french_reader_gets_the_translation_where_there_is_one_and_english_otherwise()
    {
        WriteValidCurriculum();
        content.WriteModule("fr", 2, "second", change: t => t.Replace("title: Module second", "title: Deuxième module", StringComparison.Ordinal));

        var library = ContentLoader.Load(content.Root).Library;

        Assert.Equal([("first", "en"), ("second", "fr")], library.Modules("fr").Select(m => (m.Slug, m.Language)));
        Assert.Equal("Deuxième module", library.FindModule("second", "fr")!.Title);
        Assert.Equal("Module second", library.FindModule("second", "en")!.Title);
    }
}
