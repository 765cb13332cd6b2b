using Microsoft.Extensions.Options;

namespace StudyGuide.Web.Discussions;

/// <summary>
/// Page arithmetic. Post numbers have no gaps, so when a reader sees every post, page N is exactly the
/// numbers ((N-1)·size, N·size]: a range scan on (thread_id, number), whatever N is. The size is
/// `StudyGuide:Discussions:PostsPerPage` (50 unless configured).
/// </summary>
public sealed class ThreadPaging(IOptions<StudyGuideOptions> options)
{
    public const int ThreadsPerPage = 30;

    public int PostsPerPage { get; } = options.Value.Discussions.PostsPerPage;

    public int PageCount(int items) => items <= 0 ? 1 : (items + PostsPerPage - 1) / PostsPerPage;

    /// <summary>The page holding the item at <paramref name="position"/> (1-based).</summary>
    public int PageOf(int position) => position <= 0 ? 1 : (position - 1) / PostsPerPage + 1;

    /// <summary>The numbers on page <paramref name="page"/>: after <c>After</c>, up to and including <c>Through</c>.</summary>
    public (int After, int Through) NumberRange(int page) => ((page - 1) * PostsPerPage, page * PostsPerPage);

    /// <summary>A requested page within 1..count (a missing or silly page number shows the nearest real one).</summary>
    public static int Clamp(int? page, int pageCount) => Math.Clamp(page ?? 1, 1, Math.Max(1, pageCount));
}
