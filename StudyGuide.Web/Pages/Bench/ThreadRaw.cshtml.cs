using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Bench;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Bench;

/// <summary>
/// Reference page of the benchmark (bench/run): the same posts as the thread page, read with raw
/// Npgsql and printed bare. Exists only when the bench switch is on.
/// </summary>
public class ThreadRawModel(ThreadPaging paging) : PageModel
{
    public int Id { get; private set; }
    public int PageNumber { get; private set; }
    public List<RawPost> Posts { get; } = [];

    public sealed record RawPost(int Number, string Author, DateTimeOffset CreatedAt, string Html);

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] int page = 1, [FromQuery] int? size = null, CancellationToken cancellationToken = default)
    {
        if (HttpContext.RequestServices.GetService<BenchDataSource>() is not { } bench) return NotFound();
        var pageSize = size ?? paging.PostsPerPage;
        if (page < 1 || pageSize is < 1 or > 100) return NotFound();
        Id = id;
        PageNumber = page;

        await using var command = bench.DataSource.CreateCommand("""
            SELECT p.number, u.display_name, p.created_at, p.body_html
            FROM posts p JOIN users u ON u.id = p.author_id
            WHERE p.thread_id = $1 AND p.number > $2
            ORDER BY p.number
            LIMIT $3
            """);
        // The thread page's query shape (ThreadAccess): a limit, which PostgreSQL's generic plan reads in index order.
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (page - 1) * pageSize });
        command.Parameters.Add(new() { Value = pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            Posts.Add(new RawPost(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        return Posts.Count == 0 ? NotFound() : Page();
    }
}
