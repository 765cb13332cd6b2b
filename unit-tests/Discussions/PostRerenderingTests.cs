using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Commands;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Tests.Discussions;

/// <summary>`posts rerender`: stored HTML brought up to the current pipeline, once, and only where it is behind.</summary>
public class PostRerenderingTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    // What an older, looser pipeline could have stored for this text: a live javascript: link.
    const string HostileMarkdown = "Click [here](javascript:alert(1)) please";
    const string HostileHtml = """<p>Click <a href="javascript:alert(1)">here</a> please</p>""";

    async Task<(Post Old, Post Current, Post Deleted)> PostsAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var thread = await app.FreeThreadAsync(group, teacher);
        var old = await app.PostAsync(thread, teacher, "placeholder");
        var current = await app.PostAsync(thread, teacher, "Already **current**");
        var deleted = await app.PostAsync(thread, teacher, "Soon gone");
        await app.DbAsync(async db =>
        {
            // As an older release left them: the post and its revision 1 with the old HTML and version.
            await db.Posts.Where(p => p.Id == old.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.BodyMarkdown, HostileMarkdown).SetProperty(p => p.BodyHtml, HostileHtml).SetProperty(p => p.RendererVersion, 0));
            await db.PostRevisions.Where(r => r.PostId == old.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.BodyMarkdown, HostileMarkdown).SetProperty(r => r.BodyHtml, HostileHtml));
            // Current version: left alone even though its HTML is not what the pipeline makes today.
            await db.Posts.Where(p => p.Id == current.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.BodyHtml, "<p>kept as stored</p>"));
            await db.Posts.Where(p => p.Id == deleted.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.BodyMarkdown, "").SetProperty(p => p.BodyHtml, "").SetProperty(p => p.RendererVersion, 0)
                .SetProperty(p => p.DeletedAt, app.Clock.GetUtcNow()));
            return 0;
        });
        return (old, current, deleted);
    }

    async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.Parse(args)!.RunAsync(app.Services, output, error);
        Assert.Equal("", error.ToString());
        return (exitCode, output.ToString());
    }

    Task<Post> ReadAsync(long id) => app.DbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task An_old_post_is_rendered_again_a_current_one_is_untouched_and_a_second_run_changes_nothing()
    {
        var (old, current, deleted) = await PostsAsync();

        var (exitCode, output) = await RunAsync("posts", "rerender");

        Assert.Equal(0, exitCode);
        var rerendered = await ReadAsync(old.Id);
        Assert.Equal(PostMarkdown.RendererVersion, rerendered.RendererVersion);
        Assert.Equal(HostileMarkdown, rerendered.BodyMarkdown);
        Assert.DoesNotContain("javascript", rerendered.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PostMarkdown.Render(HostileMarkdown).Html, rerendered.BodyHtml);
        var revision = await app.DbAsync(db => db.PostRevisions.AsNoTracking().SingleAsync(r => r.PostId == old.Id));
        Assert.Equal(rerendered.BodyHtml, revision.BodyHtml);

        Assert.Equal("<p>kept as stored</p>", (await ReadAsync(current.Id)).BodyHtml);
        var stillDeleted = await ReadAsync(deleted.Id);
        Assert.Equal(("", PostMarkdown.RendererVersion), (stillDeleted.BodyHtml, stillDeleted.RendererVersion));

        Assert.Contains("2 examined, 1 with new HTML, 1 revision(s) with new HTML", output, StringComparison.Ordinal);
        Assert.Contains("Done: 2 post(s) examined", output, StringComparison.Ordinal);

        var before = await app.DbAsync(db => db.Posts.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.BodyHtml, p.RendererVersion }).ToListAsync());
        var (secondExitCode, secondOutput) = await RunAsync("posts", "rerender");
        var afterSecond = await app.DbAsync(db => db.Posts.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.BodyHtml, p.RendererVersion }).ToListAsync());

        Assert.Equal(0, secondExitCode);
        Assert.Contains("nothing to do", secondOutput, StringComparison.Ordinal);
        Assert.Equal(before, afterSecond);
    }

    [Fact]
    public async Task All_renders_every_post_again_in_batches_and_an_interrupted_run_is_finished_by_the_next()
    {
        var (old, current, _) = await PostsAsync();

        // One batch of one post, then stop: as if the command had been interrupted after its first transaction.
        await app.DbAsync(async db =>
        {
            using var cancel = new CancellationTokenSource();
            var progress = new CancelAfterFirstLine(cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PostRerendering.RunAsync(db, all: false, progress, batchSize: 1, cancel.Token));
            return 0;
        });
        Assert.Equal(PostMarkdown.RendererVersion, (await ReadAsync(old.Id)).RendererVersion);

        var (_, resumed) = await RunAsync("posts", "rerender");
        Assert.Contains("Done: 1 post(s) examined", resumed, StringComparison.Ordinal); // only the deleted one was left

        var (_, everything) = await RunAsync("posts", "rerender", "--all");
        var total = await app.DbAsync(db => db.Posts.CountAsync());
        Assert.Contains($"Done: {total} post(s) examined", everything, StringComparison.Ordinal);
        Assert.Equal(PostMarkdown.Render("Already **current**").Html, (await ReadAsync(current.Id)).BodyHtml);
    }

    /// <summary>Cancels the run once it reports its first batch as done.</summary>
    sealed class CancelAfterFirstLine(CancellationTokenSource cancel) : StringWriter
    {
        public override Task WriteLineAsync(string? value)
        {
            cancel.Cancel();
            return Task.CompletedTask;
        }
    }
}
