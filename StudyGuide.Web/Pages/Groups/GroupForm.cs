using System.ComponentModel.DataAnnotations;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Groups;

/// <summary>The fields shared by the create and settings forms.</summary>
public class GroupInput
{
    [Required(ErrorMessage = "Enter a name for the group.")]
    [StringLength(Group.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [NoControlCharacters]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [StringLength(Group.DescriptionMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [NoControlCharacters(AllowLineBreaks = true)]
    [Display(Name = "Description (optional)")]
    public string? Description { get; set; }

    [Display(Name = "Kind of group")]
    public GroupKind Kind { get; set; }

    [Required(ErrorMessage = "Choose a time zone.")]
    [Display(Name = "Time zone")]
    public string TimeZone { get; set; } = "";

    [Display(Name = "What members see of the member list")]
    public MemberListVisibility MemberListVisibility { get; set; }

    [Display(Name = "Only facilitators may start new discussions")]
    public bool OnlyFacilitatorsStartThreads { get; set; }

    [Display(Name = "Pre-moderation: members' new posts and edits wait for a facilitator's approval")]
    public bool PreModeration { get; set; }

    // The same bounds as the database's check constraint (ck_groups_report_threshold).
    [Range(1, 100, ErrorMessage = "Enter a number from {1} to {2}.")]
    [Display(Name = "Reports that hide a post pending review")]
    public int ReportThreshold { get; set; } = Group.DefaultReportThreshold;
}
