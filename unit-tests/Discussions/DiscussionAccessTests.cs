using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Discussions;

/// <summary>The discussions' access rules: other groups' discussions do not exist for an outsider, and posts belong to their authors.</summary>
public class DiscussionAccessTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    sealed record World(Group Group, User Teacher, User Member, User Other, DiscussionThread Thread, Post Post);

    async Task<World> WorldAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var other = await app.UserAsync("other");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        await app.AddAsync(group, other);
        var thread = await app.FreeThreadAsync(group, member, "Group A's private title");
        var post = await app.PostAsync(thread, member, "Group A's secret words");
        return new World(group, teacher, member, other, thread, post);
    }

    [Fact]
    public async Task Other_groups_threads_posts_permalinks_revisions_previews_and_forms_answer_404()
    {
        var w = await WorldAsync();
        var outsiderTeacher = await app.UserAsync("outsider-teacher", Roles.Teacher);
        var outsider = await app.UserAsync("outsider");
        var theirGroup = await app.GroupAsync(outsiderTeacher);
        await app.AddAsync(theirGroup, outsider);
        var browser = await app.SignedInAsync(outsider);
        var token = await GroupWorld.TokenAsync(browser);
        var t = w.Thread.Id;

        string[] pages =
        [
            $"/threads/{t}", $"/threads/{t}?page=1", $"/threads/{t}?page=1&quote=1", $"/threads/{t}/posts/1",
            $"/threads/{t}/posts/1/history", $"/threads/{t}/posts/1/edit", $"/threads/{t}/posts/1/delete",
            $"/groups/{w.Group.Id}/threads", $"/groups/{w.Group.Id}/threads/new",
        ];
        foreach (var url in pages)
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("secret words", await response.Content.ReadAsStringAsync());
        }

        var forms = new Dictionary<string, Dictionary<string, string>>
        {
            [$"/threads/{t}?page=1"] = new() { ["Input.Body"] = "intrusion", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() },
            [$"/threads/{t}?page=1&handler=Preview"] = new() { ["Input.Body"] = "intrusion" },
            [$"/groups/{w.Group.Id}/threads/preview"] = new() { ["text"] = "intrusion" },
            [$"/groups/{w.Group.Id}/threads/new"] = new() { ["Input.Title"] = "intrusion", ["Input.Body"] = "intrusion", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() },
            [$"/threads/{t}/posts/1/edit"] = new() { ["Input.Body"] = "intrusion" },
            [$"/threads/{t}/posts/1/delete"] = new(),
        };
        foreach (var (url, fields) in forms)
        {
            var response = await GroupWorld.PostFormAsync(browser, url, token, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var posts = await app.PostsAsync(w.Thread);
        var only = Assert.Single(posts);
        Assert.Equal("Group A's secret words", only.BodyMarkdown);
        Assert.Null(only.DeletedAt);
        Assert.Equal(0, await app.DbAsync(db => db.Threads.CountAsync(t => t.Title == "intrusion")));
    }

    [Fact]
    public async Task A_member_cannot_edit_or_delete_another_members_post()
    {
        var w = await WorldAsync();
        var browser = await app.SignedInAsync(w.Other);
        var token = await GroupWorld.TokenAsync(browser);

        var edit = await browser.GetAsync($"/threads/{w.Thread.Id}/posts/1/edit");
        var editPost = await GroupWorld.PostFormAsync(browser, $"/threads/{w.Thread.Id}/posts/1/edit", token, new Dictionary<string, string> { ["Input.Body"] = "rewritten" });
        var delete = await GroupWorld.PostFormAsync(browser, $"/threads/{w.Thread.Id}/posts/1/delete", token);

        foreach (var response in new[] { edit, editPost, delete })
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(response));
        var post = Assert.Single(await app.PostsAsync(w.Thread));
        Assert.Equal("Group A's secret words", post.BodyMarkdown);
        Assert.Null(post.EditedAt);
        Assert.Null(post.DeletedAt);
        var page = await DiscussionWorld.ReadAsync(browser, $"/threads/{w.Thread.Id}?page=1");
        Assert.DoesNotContain($"/threads/{w.Thread.Id}/posts/1/edit", page);
    }

    [Fact]
    public async Task Removed_member_loses_access_on_the_next_request()
    {
        var w = await WorldAsync();
        var browser = await app.SignedInAsync(w.Other);
        Assert.Contains("secret words", await DiscussionWorld.ReadAsync(browser, $"/threads/{w.Thread.Id}?page=1"));

        await app.DbAsync(db => db.Memberships.Where(m => m.GroupId == w.Group.Id && m.UserId == w.Other.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/threads/{w.Thread.Id}?page=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/threads/{w.Thread.Id}/posts/1")).StatusCode);
    }

    [Fact]
    public async Task When_the_group_says_so_only_facilitators_start_discussions()
    {
        var w = await WorldAsync();
        var member = await app.SignedInAsync(w.Member);
        Assert.Contains("/threads/new", await DiscussionWorld.ReadAsync(member, $"/groups/{w.Group.Id}/threads"));

        await app.DbAsync(db => db.Groups.Where(g => g.Id == w.Group.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.OnlyFacilitatorsStartThreads, true)));

        Assert.DoesNotContain("/threads/new", await DiscussionWorld.ReadAsync(member, $"/groups/{w.Group.Id}/threads"));
        var token = await GroupWorld.TokenAsync(member);
        var refused = await GroupWorld.PostFormAsync(member, $"/groups/{w.Group.Id}/threads/new", token,
            new Dictionary<string, string> { ["Input.Title"] = "Not allowed", ["Input.Body"] = "text", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.StartsWith("/account/access-denied", Forms.RedirectPath(refused));
        var teacher = await app.SignedInAsync(w.Teacher);
        var started = await Forms.PostAsync(teacher, $"/groups/{w.Group.Id}/threads/new",
            new Dictionary<string, string> { ["Input.Title"] = "Allowed", ["Input.Body"] = "Welcome", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Threads.CountAsync(t => t.GroupId == w.Group.Id && t.Title == "Allowed")));
        Assert.Equal(0, await app.DbAsync(db => db.Threads.CountAsync(t => t.GroupId == w.Group.Id && t.Title == "Not allowed")));
    }

    [Fact]
    public async Task The_group_settings_page_sets_who_starts_discussions()
    {
        var w = await WorldAsync();
        var teacher = await app.SignedInAsync(w.Teacher);
        var group = await app.DbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == w.Group.Id));

        var saved = await Forms.PostAsync(teacher, $"/groups/{w.Group.Id}/settings", new Dictionary<string, string>
        {
            ["Input.Name"] = group.Name,
            ["Input.Kind"] = group.Kind.ToString(),
            ["Input.TimeZone"] = group.TimeZone,
            ["Input.MemberListVisibility"] = group.MemberListVisibility.ToString(),
            ["Input.OnlyFacilitatorsStartThreads"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await app.DbAsync(db => db.Groups.Where(g => g.Id == w.Group.Id).Select(g => g.OnlyFacilitatorsStartThreads).SingleAsync()));
    }
}
