namespace StudyGuide.Web.Pages.Discussions;

public sealed record PageLinks(int ThreadId, int Page, int PageCount);
