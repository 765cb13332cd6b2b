using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

/// <summary>
/// The rules `content check` applies to a lesson beyond its fields' formats: each with an example that breaks
/// it, reported once as `path:line: message` at the line to fix.
/// </summary>
public sealed class ContentRulesTests : IDisposable
{
    const string First = "en/modules/01-first.md";

    readonly ContentFolder content = new();

    public void Dispose() => content.Dispose();

    List<string> Problems() => ContentLoader.Load(content.Root).Problems.Select(p => p.ToString()).ToList();

    string At(string relativePath, string lineText) => $"{content.PathOf(relativePath)}:{content.LineOf(relativePath, lineText)}";

    static Func<string, string> Replacing(string original, string replacement) =>
        text => text.Contains(original, StringComparison.Ordinal)
            ? text.Replace(original, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"'{original}' is not in the fixture");

    const string MaterialsWithHandout = "  - text: Paper and pens for each group\n  - text: Two feeds\n    handout: two-feeds\n";

    [Fact]
    public void The_fixture_module_passes_every_rule()
    {
        content.WriteModule("en", 1, "first");

        Assert.Empty(Problems());
    }

    [Fact]
    public void Plan_steps_must_add_up_to_the_modules_minutes()
    {
        content.WriteModule("en", 1, "first", change: Replacing("    minutes: 20\n", "    minutes: 25\n"));

        Assert.Equal([$"{At(First, "plan:")}: the plan's steps add up to 35 minutes, but 'minutes' is 30: make them equal"], Problems());
    }

    [Fact]
    public void A_plan_step_needs_whole_minutes_and_what_the_teacher_does()
    {
        content.WriteModule("en", 1, "first", change: Replacing("    what: Groups write a chat charter.\n", ""));

        Assert.Equal([$"{At(First, "- step: Activity")}: missing required field 'what' in 'plan'"], Problems());
    }

    [Fact]
    public void A_listed_handout_must_exist()
    {
        content.WriteModule("en", 1, "first", change: Replacing("  - text: Paper and pens for each group\n", MaterialsWithHandout));

        Assert.Equal([$"{At(First, "handout: two-feeds")}: the handout 'two-feeds' does not exist: add {Path.Combine("en", "handouts", "first", "two-feeds.md")}"], Problems());
    }

    [Fact]
    public void Every_handout_file_must_be_listed_in_its_modules_materials()
    {
        content.WriteModule("en", 1, "first");
        var handout = content.WriteHandout("en", "first", "forgotten");

        Assert.Equal([$"{handout}:1: this handout is not listed in the materials of {content.PathOf(First)}: add '- text: ...' with 'handout: forgotten' there"], Problems());
    }

    [Fact]
    public void A_handout_folder_is_named_after_an_existing_module()
    {
        content.WriteModule("en", 1, "first");
        var handout = content.WriteHandout("en", "frist", "two-feeds");

        Assert.Equal([$"{handout}:1: no module has the slug 'frist': a handout's folder is named after its module's slug"], Problems());
    }

    [Fact]
    public void A_handout_is_for_students_or_teachers()
    {
        content.WriteModule("en", 1, "first", change: Replacing("  - text: Paper and pens for each group\n", MaterialsWithHandout));
        var handout = content.WriteHandout("en", "first", "two-feeds", audience: "parents");

        Assert.Equal([$"{handout}:3: 'audience' must be students or teachers, not 'parents'"], Problems());
    }

    [Fact]
    public void Every_bold_phrase_in_a_module_must_be_a_glossary_term_or_one_of_its_forms()
    {
        var body = ContentFolder.DefaultModuleBody + """


            A **Read Receipts** feature, the **attention economy**, and a **Seen  indicator** are all defined.

            But **this is just emphasis** is not a term.

            ::: activity
            **Write a chat charter (15 minutes)**

            1. Discuss the **group norm** you would choose.
            :::
            """;
        content.WriteModule("en", 1, "first", body);

        Assert.Equal(
            [
                $"{At(First, "this is just emphasis")}: the bold phrase 'this is just emphasis' is not in the glossary: add it there (as a term or one of its 'also' forms), or write it in *italic*",
                $"{At(First, "group norm")}: the bold phrase 'group norm' is not in the glossary: add it there (as a term or one of its 'also' forms), or write it in *italic*",
            ],
            Problems());
    }

    [Fact]
    public void Bold_in_a_guide_or_a_handout_is_ordinary_emphasis()
    {
        content.WriteModule("en", 1, "first", change: Replacing("  - text: Paper and pens for each group\n", MaterialsWithHandout));
        content.WriteHandout("en", "first", "two-feeds", body: "**Read this first.**\n");
        content.WriteGuide("en", 1, "norms", body: "## Before\n\n**Prepare the room.**\n");

        Assert.Empty(Problems());
    }

    [Theory]
    [InlineData("    year: 2018\n", "    year: 18\n", "year: 18", "'year' in 'sources' must be the four-digit year of publication, like 2018, not '18'")]
    [InlineData("    year: 2018\n", "    year: n.d.\n", "year: n.d.", "'year' in 'sources' must be the four-digit year of publication, like 2018, not 'n.d.'")]
    [InlineData("    year: 2018\n", "", "- author: Soroush", "missing required field 'year' in 'sources'")]
    [InlineData("    doi: 10.1126/science.aap9559", "    doi: https://doi.org/10.1126/science.aap9559", "doi:", "'doi' in 'sources' is the DOI alone, starting with 10. (like 10.1126/science.aap9559), not 'https://doi.org/10.1126/science.aap9559'")]
    [InlineData("    publisher: Science\n", "", "- author: Soroush", "missing required field 'publisher' in 'sources'")]
    public void Every_source_has_an_author_a_title_a_publisher_and_a_four_digit_year(string original, string replacement, string lineText, string message)
    {
        content.WriteModule("en", 1, "first", change: Replacing(original, replacement));

        Assert.Equal([$"{At(First, lineText)}: {message}"], Problems());
    }

    [Theory]
    [InlineData("    url: https://www.humanetech.com/", "    url: ../notes/sources.md", "url:", "a source may not point inside this project: '../notes/sources.md' is a relative link; cite the original publication by its public address (https://...)")]
    [InlineData("    url: https://www.humanetech.com/", "    url: /guides/facilitator-guide", "url:", "a source may not point inside this project: '/guides/facilitator-guide' is a relative link; cite the original publication by its public address (https://...)")]
    [InlineData("    title: The spread of true and false news online", "    title: The history of the phrase, in the curriculum sources", "title: The history", "a source may not point inside this project ('curriculum sources' in 'title'): cite the original publication it relies on")]
    [InlineData("    publisher: Science", "    publisher: The project's notes", "publisher: The project", "a source may not point inside this project ('The project's' in 'publisher'): cite the original publication it relies on")]
    [InlineData("    source: An example study, 2020", "    source: This project's research notes", "source: This project", "a source may not point inside this project ('This project's' in 'source'): cite the original publication it relies on")]
    public void No_source_points_inside_the_project(string original, string replacement, string lineText, string message)
    {
        content.WriteModule("en", 1, "first", change: Replacing(original, replacement));

        Assert.Equal([$"{At(First, lineText)}: {message}"], Problems());
    }

    [Fact]
    public void A_contested_claim_needs_a_contested_box_in_the_body()
    {
        content.WriteModule("en", 1, "first", body: "## Context\n\nGroup chats.\n\n::: counterpoint\nThe other side.\n:::\n");

        Assert.Equal([$"{At(First, "- text: Read receipts")}: the contested claim 'read-receipts-pressure' has no '::: contested read-receipts-pressure' box: the body must say it is contested too"], Problems());
    }

    [Fact]
    public void A_contested_box_must_name_a_contested_claim()
    {
        var body = ContentFolder.DefaultModuleBody + "\n\n::: contested read-receipt-pressure\nA typo in the id.\n:::\n\n::: contested\nNo id at all.\n:::\n";
        content.WriteModule("en", 1, "first", body);

        Assert.Equal(
            [
                $"{At(First, "::: contested read-receipt-pressure")}: the box '::: contested read-receipt-pressure' names no claim: add a claim with 'id: read-receipt-pressure' and 'status: contested' to the front matter",
                $"{content.PathOf(First)}:{content.LineOf(First, "No id at all.") - 1}: a contested box names its claim: '::: contested <claim-id>', the 'id' of a contested claim in the front matter",
            ],
            Problems());
    }

    [Fact]
    public void A_contested_box_may_not_name_an_established_claim()
    {
        content.WriteModule("en", 1, "first", change: Replacing("    status: contested\n", "    status: established\n"));

        Assert.Equal(
            [$"{At(First, "::: contested read-receipts-pressure")}: the box '::: contested read-receipts-pressure' names a claim that is not contested: give it 'status: contested' or use another kind of box"],
            Problems());
    }

    [Fact]
    public void A_contested_claim_needs_an_id()
    {
        content.WriteModule("en", 1, "first", change: Replacing("    id: read-receipts-pressure\n", ""));

        // Until the claims read cleanly, their boxes are not matched against them: one mistake, one message.
        Assert.Equal([$"{At(First, "status: contested")}: a contested claim needs an 'id', which its '::: contested <id>' box in the body names"], Problems());
    }

    [Theory]
    [InlineData("ages: 13–15", "ages: 13-15", "ages:", "'ages' must be one of 11–13, 13–15, 15–18, 16+, adults (with an en dash, –), not '13-15'")]
    [InlineData("scene: The family dinner where every phone lights up at once.", "scene: From 12:30 to 15:00.", "scene:", "'scene' describes the part of the film by what happens in it, not by a timestamp: versions and players differ")]
    [InlineData("exit_ticket:\n  - Name one design feature that creates pressure to reply.\n", "", "---", "missing required field 'exit_ticket'")]
    [InlineData("materials:\n  - text: Paper and pens for each group\n", "materials: []\n", "materials:", "'materials' must have at least 1 entries (it has 0)")]
    public void The_lesson_at_a_glance_fields_are_checked(string original, string replacement, string lineText, string message)
    {
        content.WriteModule("en", 1, "first", change: Replacing(original, replacement));

        Assert.Equal([$"{At(First, lineText)}: {message}"], Problems());
    }

    [Fact]
    public void A_well_being_module_needs_the_help_guide_it_links_to()
    {
        content.WriteModule("en", 1, "first", change: Replacing("themes: [persuasive design, attention economy]", "themes: [persuasive design, well-being]"));

        Assert.Equal([$"{At(First, "themes:")}: a module with the theme 'well-being' links to the guide 'where-to-find-help', which does not exist: add guides/where-to-find-help.md"], Problems());

        content.WriteGuide("en", 1, "where-to-find-help");
        Assert.Empty(Problems());
    }

    [Fact]
    public void A_glossary_form_names_one_term_only()
    {
        content.Edit("en/glossary.md", Replacing("definition: Businesses", "also: [Read Receipts]\n    definition: Businesses"));

        Assert.Equal([$"{At("en/glossary.md", "also: [Read Receipts]")}: 'Read Receipts' is already a form of the term 'read receipt': a bold phrase must name one term"], Problems());
    }

    [Theory]
    [InlineData("glossary.md", "Glossary")]
    [InlineData("rubric.md", "The reflection rubric")]
    public void The_english_glossary_and_rubric_are_required(string file, string section)
    {
        File.Delete(content.PathOf("en/" + file));

        Assert.Equal([$"{content.PathOf("en/" + file)}: this file is missing; see '{section}' in content/README.md"], Problems());
    }

    [Fact]
    public void The_rubric_is_a_table()
    {
        content.Write("en/rubric.md", "---\ntitle: Reflection rubric\n---\n\nBeginning, developing, secure.\n");

        Assert.Equal([$"{content.PathOf("en/rubric.md")}:1: the rubric's body is a Markdown table: the three levels across, the three criteria down"], Problems());
    }
}
