namespace StudyGuide.Web.Accounts;

public static class AuthorizationPolicies
{
    public const string Admin = "Admin";

    /// <summary>Site-wide moderation pages: admins and site moderators.</summary>
    public const string SiteModeration = "SiteModeration";
}
