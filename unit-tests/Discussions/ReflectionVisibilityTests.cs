using System.Net;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Discussions;

/// <summary>Post-first and private reflections: the gate holds on every page that shows or points at a post.</summary>
public class ReflectionVisibilityTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    sealed record Class(Group Group, User Teacher, User Alice, User Bob, DiscussionThread Thread);

    async Task<Class> ClassAsync(ReflectionMode mode)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, alice);
        await app.AddAsync(group, bob);
        return new Class(group, teacher, alice, bob, await app.ReflectionThreadAsync(group, teacher, mode));
    }

    /// <summary>Every way a reader could reach post <paramref name="number"/>: all must answer 404.</summary>
    static async Task AssertHiddenAsync(HttpClient browser, int threadId, int number)
    {
        foreach (var url in new[]
                 {
                     $"/threads/{threadId}/posts/{number}", $"/threads/{threadId}?page=1&quote={number}",
                     $"/threads/{threadId}?page=1&reply={number}", $"/threads/{threadId}/posts/{number}/history",
                 })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Post_first_hides_classmates_reflections_until_the_reader_posts_and_facilitators_see_all()
    {
        var c = await ClassAsync(ReflectionMode.PostFirst);
        await app.PostAsync(c.Thread, c.Bob, "Bob's reflection");
        await app.PostAsync(c.Thread, c.Teacher, "Teacher's comment");
        var alice = await app.SignedInAsync(c.Alice);

        var before = await DiscussionWorld.ReadAsync(alice, $"/threads/{c.Thread.Id}?page=1");
        Assert.DoesNotContain("Bob's reflection", before);
        Assert.DoesNotContain("Teacher's comment", before);
        Assert.DoesNotContain("id=\"post-", before);
        Assert.Contains("once you have posted your own", before);
        Assert.Contains("No posts yet.", before);
        await AssertHiddenAsync(alice, c.Thread.Id, 1);
        await AssertHiddenAsync(alice, c.Thread.Id, 2);
        var sneakyReply = await DiscussionWorld.ReplyAsync(alice, c.Thread.Id, "replying to the hidden post", replyTo: 1);
        Assert.Contains("not available", await sneakyReply.Content.ReadAsStringAsync());

        var facilitator = await app.SignedInAsync(c.Teacher);
        Assert.Contains("Bob's reflection", await DiscussionWorld.ReadAsync(facilitator, $"/threads/{c.Thread.Id}?page=1"));
        Assert.Contains("Bob's reflection", await DiscussionWorld.ReadAsync(facilitator, $"/threads/{c.Thread.Id}/posts/1/history"));

        var posted = await DiscussionWorld.ReplyAsync(alice, c.Thread.Id, "Alice's reflection");
        Assert.Equal($"/threads/{c.Thread.Id}/posts/3", Forms.RedirectPath(posted));

        var after = await DiscussionWorld.ReadAsync(alice, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Bob's reflection", after);
        Assert.Contains("Teacher's comment", after);
        Assert.Contains("Alice's reflection", after);
        Assert.Equal($"/threads/{c.Thread.Id}?page=1#post-1", Forms.RedirectPath(await alice.GetAsync($"/threads/{c.Thread.Id}/posts/1")));
    }

    [Fact]
    public async Task Before_posting_a_reader_sees_their_own_page_count_not_the_threads()
    {
        var c = await ClassAsync(ReflectionMode.PostFirst);
        for (var i = 0; i < 60; i++) await app.PostAsync(c.Thread, c.Bob, $"Bob's note {i}");
        var alice = await app.SignedInAsync(c.Alice);

        var page = await DiscussionWorld.ReadAsync(alice, $"/threads/{c.Thread.Id}?page=2");

        Assert.DoesNotContain("Page 1 of 2", page);
        Assert.DoesNotContain("Page 2 of 2", page);
        Assert.DoesNotContain("Bob's note", page);
        Assert.DoesNotContain("New since your last visit", page);
    }

    [Fact]
    public async Task Private_reflections_are_seen_by_their_author_and_the_facilitators_only()
    {
        var c = await ClassAsync(ReflectionMode.Private);
        var alice = await app.SignedInAsync(c.Alice);
        var bob = await app.SignedInAsync(c.Bob);
        var teacher = await app.SignedInAsync(c.Teacher);
        Assert.Equal($"/threads/{c.Thread.Id}/posts/1", Forms.RedirectPath(await DiscussionWorld.ReplyAsync(alice, c.Thread.Id, "Alice's private reflection")));
        Assert.Equal($"/threads/{c.Thread.Id}/posts/2", Forms.RedirectPath(await DiscussionWorld.ReplyAsync(bob, c.Thread.Id, "Bob's private reflection")));

        // The facilitator sees both, grouped by student, and answers each privately from their post.
        var overview = await DiscussionWorld.ReadAsync(teacher, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Alice's private reflection", overview);
        Assert.Contains("Bob's private reflection", overview);
        Assert.Contains($"Reflection of {c.Alice.DisplayName}", overview);
        var unaddressed = await DiscussionWorld.ReplyAsync(teacher, c.Thread.Id, "To everyone?");
        Assert.Contains("reply to one student", await unaddressed.Content.ReadAsStringAsync());
        Assert.Contains("name=\"Input.ReplyToNumber\"", await DiscussionWorld.ReadAsync(teacher, $"/threads/{c.Thread.Id}?page=1&reply=2"));
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(teacher, c.Thread.Id, "Feedback for Bob only", replyTo: 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(teacher, c.Thread.Id, "Feedback for Alice only", replyTo: 1)).StatusCode);
        var posts = await app.PostsAsync(c.Thread);
        Assert.Equal(c.Bob.Id, posts.Single(p => p.BodyMarkdown == "Feedback for Bob only").VisibleToUserId);
        Assert.Equal(4, posts.Count);

        var alicePage = await DiscussionWorld.ReadAsync(alice, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Alice's private reflection", alicePage);
        Assert.Contains("Feedback for Alice only", alicePage);
        Assert.DoesNotContain("Bob's private reflection", alicePage);
        Assert.DoesNotContain("Feedback for Bob only", alicePage);
        Assert.DoesNotContain("id=\"post-2\"", alicePage);
        Assert.DoesNotContain("id=\"post-3\"", alicePage);
        await AssertHiddenAsync(alice, c.Thread.Id, 2);
        await AssertHiddenAsync(alice, c.Thread.Id, 3);
        Assert.DoesNotContain("Bob", await DiscussionWorld.ReadAsync(alice, $"/groups/{c.Group.Id}/threads"));

        // Alice answers the facilitator: still private to her and the facilitators.
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(alice, c.Thread.Id, "Thanks!", replyTo: 4)).StatusCode);
        var bobPage = await DiscussionWorld.ReadAsync(bob, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Feedback for Bob only", bobPage);
        Assert.DoesNotContain("Alice", bobPage);
        Assert.DoesNotContain("Thanks!", bobPage);
        await AssertHiddenAsync(bob, c.Thread.Id, 5);
    }

    [Fact]
    public async Task The_thread_list_does_not_tell_a_member_when_someone_last_posted_in_a_gated_reflection_thread()
    {
        var c = await ClassAsync(ReflectionMode.Private);
        await app.PostAsync(c.Thread, c.Bob, "Bob's private reflection");
        var alice = await app.SignedInAsync(c.Alice);
        var teacher = await app.SignedInAsync(c.Teacher);

        Assert.DoesNotContain("· last post", await DiscussionWorld.ReadAsync(alice, $"/groups/{c.Group.Id}/threads?order=latest-reply"));
        Assert.Contains("· last post", await DiscussionWorld.ReadAsync(teacher, $"/groups/{c.Group.Id}/threads?order=latest-reply"));
    }

    [Fact]
    public async Task A_reflection_posted_in_the_thread_marks_the_assignment_done()
    {
        var c = await ClassAsync(ReflectionMode.PostFirst);
        var alice = await app.SignedInAsync(c.Alice);

        await DiscussionWorld.ReplyAsync(alice, c.Thread.Id, "Done it");

        var work = await app.DbAsync(db => Work.ForMemberAsync(db, c.Alice.Id));
        Assert.Equal(WorkStatus.Done, Assert.Single(work).StatusAt(app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task The_visibility_rule_allows_exactly_what_the_pages_show()
    {
        var group = new Group { Id = 1 };
        ThreadAccess Reader(string userId, MembershipRole role, ReflectionMode mode, bool hasPosted) =>
            new(new DiscussionThread { Id = 1, GroupId = 1, ActivityAt = default, MemberActivityAt = default }, new GroupAccess(group, userId, role, isAdmin: false), mode, hasPosted);

        Assert.True(Reader("a", MembershipRole.Member, ReflectionMode.Open, false).CanSee("b", null));
        Assert.False(Reader("a", MembershipRole.Member, ReflectionMode.PostFirst, false).CanSee("b", null));
        Assert.True(Reader("a", MembershipRole.Member, ReflectionMode.PostFirst, false).CanSee("a", null));
        Assert.True(Reader("a", MembershipRole.Member, ReflectionMode.PostFirst, true).CanSee("b", null));
        Assert.True(Reader("t", MembershipRole.Facilitator, ReflectionMode.PostFirst, false).CanSee("b", null));
        Assert.False(Reader("a", MembershipRole.Member, ReflectionMode.Private, true).CanSee("b", null));
        Assert.False(Reader("a", MembershipRole.Member, ReflectionMode.Private, true).CanSee("t", "b"));
        Assert.True(Reader("a", MembershipRole.Member, ReflectionMode.Private, true).CanSee("t", "a"));
        Assert.True(Reader("t", MembershipRole.Facilitator, ReflectionMode.Private, false).CanSee("b", null));
    }
}
