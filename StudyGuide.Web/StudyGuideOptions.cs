using System.ComponentModel.DataAnnotations;

namespace StudyGuide.Web;

/// <summary>Every `StudyGuide:*` setting, bound once from configuration and validated at start.</summary>
public sealed class StudyGuideOptions
{
    public const string Section = "StudyGuide";

    public DiscussionOptions Discussions { get; set; } = new();
}

public sealed class DiscussionOptions
{
    /// <summary>Posts on one page of a thread.</summary>
    [Range(10, 200)]
    public int PostsPerPage { get; set; } = 50;
}
