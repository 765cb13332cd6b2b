using System.ComponentModel.DataAnnotations;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Shared;

/// <summary>
/// The reason radio group and its note (needed for "Other"), for reporting, removing and refusing posts. Field names
/// are <c>{Prefix}.Reason</c> and <c>{Prefix}.Note</c>; ids are made unique with <paramref name="IdPrefix"/> when one
/// page has several such forms, whose errors the page then shows itself (<paramref name="ShowsErrors"/> false,
/// <paramref name="DescribedBy"/> the id of that message).
/// </summary>
public sealed record ReasonFields(
    string Prefix, string IdPrefix, string Legend, ModerationReason? Selected, string? Note, bool ShowsErrors = true, string? DescribedBy = null);

/// <summary>What <see cref="ReasonFields"/> posts back: a reason, and a note that "Other" needs (each page checks that).</summary>
public sealed class ReasonInput
{
    [Required(ErrorMessage = "Choose a reason.")]
    public ModerationReason? Reason { get; set; }

    [StringLength(ModerationReasons.NoteMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [NoControlCharacters(AllowLineBreaks = true)]
    public string? Note { get; set; }
}
