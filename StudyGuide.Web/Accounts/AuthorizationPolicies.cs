namespace StudyGuide.Web.Accounts;

public static class AuthorizationPolicies
{
    public const string Admin = "Admin";
}
