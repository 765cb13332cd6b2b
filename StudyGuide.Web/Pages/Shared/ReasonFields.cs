using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Pages.Shared;

/// <summary>
/// The reason radio group and its note (needed for "Other"), for reporting, removing and refusing posts. Field names
/// are <c>{Prefix}.Reason</c> and <c>{Prefix}.Note</c>; ids are made unique with <paramref name="IdPrefix"/> when one
/// page has several such forms, whose errors the page then shows itself (<paramref name="ShowsErrors"/> false,
/// <paramref name="DescribedBy"/> the id of that message).
/// </summary>
public sealed record ReasonFields(
    string Prefix, string IdPrefix, string Legend, ModerationReason? Selected, string? Note, bool ShowsErrors = true, string? DescribedBy = null);
