using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

public class WatchedWordPagesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static string GroupPage(Group group) => $"/groups/{group.Id}/moderation/words";

    [Fact]
    public async Task A_facilitator_adds_and_removes_a_group_word_and_each_change_is_logged()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var added = await ModerationForms.AddWordAsync(browser, GroupPage(group), "  sale   con ", "Refuse");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(GroupPage(group), Forms.RedirectPath(added));
        var word = await app.DbAsync(db => db.WatchedWords.AsNoTracking().SingleAsync(w => w.GroupId == group.Id));
        Assert.Equal(("sale con", WatchedWordAction.Refuse), (word.Phrase, word.Action));
        var html = await browser.GetStringAsync(GroupPage(group));
        Assert.Contains("“sale con” added.", html);
        Assert.Contains("whole words", html);
        // The shared partial's forms post back to the group's page, not the site's.
        Assert.Matches($"action=\"/groups/{group.Id}/moderation/words\\?[^\"]*handler=Remove", html);
        Assert.Matches($"action=\"/groups/{group.Id}/moderation/words\\?handler=Add\"", html);

        var removed = await ModerationForms.RemoveWordAsync(browser, GroupPage(group), word.Id);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.DbAsync(db => db.WatchedWords.AnyAsync(w => w.GroupId == group.Id)));
        var log = await app.DbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.GroupId == group.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ModerationAction.AddWatchedWord, ModerationAction.RemoveWatchedWord], log.Select(e => e.Action));
        Assert.All(log, e => Assert.Equal("sale con (Refuse)", e.Detail));
        Assert.All(log, e => Assert.Equal(teacher.Id, e.ActorId));
    }

    [Theory]
    [InlineData("CONNÂRD")]
    [InlineData(" connard ")]
    public async Task A_word_already_in_the_list_is_refused_with_a_message_and_nothing_changes(string again)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);
        await ModerationForms.AddWordAsync(browser, GroupPage(group), "connard");
        var logBefore = await app.DbAsync(db => db.ModerationLog.CountAsync(e => e.GroupId == group.Id));

        var response = await ModerationForms.AddWordAsync(browser, GroupPage(group), again, "Refuse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already in the list", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync(db => db.WatchedWords.CountAsync(w => w.GroupId == group.Id)));
        Assert.Equal(logBefore, await app.DbAsync(db => db.ModerationLog.CountAsync(e => e.GroupId == group.Id)));
    }

    [Theory]
    [InlineData("   ", "Enter a word or phrase.")]
    [InlineData("a\u0007b", "control characters")]
    public async Task An_empty_or_invalid_phrase_is_refused_with_a_message(string phrase, string message)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await ModerationForms.AddWordAsync(browser, GroupPage(group), phrase);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.WatchedWords.AnyAsync(w => w.GroupId == group.Id)));
    }

    [Fact]
    public async Task A_too_long_phrase_is_refused()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await ModerationForms.AddWordAsync(browser, GroupPage(group), new string('x', WatchedWord.PhraseMaxLength + 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.DbAsync(db => db.WatchedWords.AnyAsync(w => w.GroupId == group.Id)));
    }

    [Fact]
    public async Task Another_lists_word_cannot_be_removed_from_here()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var otherGroup = await app.GroupAsync(await app.UserAsync("other-teacher", Roles.Teacher));
        var browser = await app.SignedInAsync(teacher);
        var foreign = await app.DbAsync(async db =>
        {
            var word = new WatchedWord { GroupId = otherGroup.Id, Phrase = GroupWorld.Unique("word"), Action = WatchedWordAction.Hold, CreatedAt = app.Clock.GetUtcNow() };
            db.WatchedWords.Add(word);
            await db.SaveChangesAsync();
            return word;
        });

        var response = await ModerationForms.RemoveWordAsync(browser, GroupPage(group), foreign.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.DbAsync(db => db.WatchedWords.AnyAsync(w => w.Id == foreign.Id)));
    }

    [Fact]
    public async Task Outsiders_get_404_members_are_refused_and_site_moderators_keep_the_list()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var outsider = await app.SignedInAsync(await app.UserAsync("outsider"));
        var memberBrowser = await app.SignedInAsync(member);
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(GroupPage(group))).StatusCode);
        ModerationForms.AssertForbidden(await memberBrowser.GetAsync(GroupPage(group)));
        var token = await GroupWorld.TokenAsync(memberBrowser);
        var posted = await GroupWorld.PostFormAsync(memberBrowser, GroupPage(group) + "?handler=Add", token,
            new Dictionary<string, string> { ["Input.Phrase"] = "sneaky", ["Input.Action"] = "Hold" });
        ModerationForms.AssertForbidden(posted);

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationForms.AddWordAsync(moderator, GroupPage(group), "idiot")).StatusCode);
        Assert.Equal(["idiot"], await app.DbAsync(db => db.WatchedWords.Where(w => w.GroupId == group.Id).Select(w => w.Phrase).ToListAsync()));
    }

    [Fact]
    public async Task Admins_keep_the_site_list_which_moderators_and_members_cannot_open()
    {
        var admin = await app.SignedInAsync(await app.UserAsync("admin", Roles.Admin));
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));
        var member = await app.SignedInAsync(await app.UserAsync("member"));
        var phrase = GroupWorld.Unique("siteword");

        var added = await ModerationForms.AddWordAsync(admin, "/moderation/words", phrase, "Refuse");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var word = await app.DbAsync(db => db.WatchedWords.AsNoTracking().SingleAsync(w => w.Phrase == phrase));
        Assert.Null(word.GroupId);
        var entry = await app.DbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.Detail == phrase + " (Refuse)"));
        Assert.Equal((ModerationAction.AddWatchedWord, (int?)null), (entry.Action, entry.GroupId));
        Assert.Contains(phrase, await admin.GetStringAsync("/moderation/words"));

        foreach (var refused in new[] { moderator, member })
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await refused.GetAsync("/moderation/words")));
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await app.CreateBrowser().GetAsync("/moderation/words")));
    }
}
