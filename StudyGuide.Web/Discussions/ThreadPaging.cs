namespace StudyGuide.Web.Discussions;

/// <summary>
/// Page arithmetic. Post numbers have no gaps, so when a reader sees every post, page N is exactly the
/// numbers ((N-1)·size, N·size]: a range scan on (thread_id, number), whatever N is.
/// </summary>
public static class ThreadPaging
{
    /// <summary>50. Only bench/run changes it (StudyGuide:Discussions:PostsPerPage, read in bench mode) to measure 20 and 100.</summary>
    public static int PostsPerPage { get; internal set; } = 50;

    public const int ThreadsPerPage = 30;

    public static int PageCount(int items) => items <= 0 ? 1 : (items + PostsPerPage - 1) / PostsPerPage;

    /// <summary>The page holding the item at <paramref name="position"/> (1-based).</summary>
    public static int PageOf(int position) => position <= 0 ? 1 : (position - 1) / PostsPerPage + 1;

    /// <summary>The numbers on page <paramref name="page"/>: after <c>After</c>, up to and including <c>Through</c>.</summary>
    public static (int After, int Through) NumberRange(int page) => ((page - 1) * PostsPerPage, page * PostsPerPage);

    /// <summary>A requested page within 1..count (a missing or silly page number shows the nearest real one).</summary>
    public static int Clamp(int? page, int pageCount) => Math.Clamp(page ?? 1, 1, Math.Max(1, pageCount));
}
