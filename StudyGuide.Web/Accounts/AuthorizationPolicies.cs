namespace StudyGuide.Web.Accounts;

public static class AuthorizationPolicies
{
    public const string Admin = "Admin";

    /// <summary>Site staff: admins and moderators (the site's review queue, moderation log, suspensions).</summary>
    public const string SiteModeration = "SiteModeration";
}
