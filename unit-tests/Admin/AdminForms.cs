using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Admin;

/// <summary>The buttons of /admin/users, pressed the way a browser does.</summary>
public static class AdminForms
{
    public static Task<HttpResponseMessage> UserActionAsync(HttpClient admin, string handler, string userId, string? role = null)
    {
        var fields = new Dictionary<string, string> { ["Input.UserId"] = userId };
        if (role is not null) fields["Input.Role"] = role;
        return Forms.PostAsync(admin, "/admin/users", fields, $"/admin/users?handler={handler}");
    }
}
