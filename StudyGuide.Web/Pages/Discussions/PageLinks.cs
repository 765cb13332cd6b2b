namespace StudyGuide.Web.Pages.Discussions;

public sealed record PageLinks(int ThreadId, int Page, int PageCount)
{
    public string Link(int page) => $"/threads/{ThreadId}?page={page}";
}
