using System.Net;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Moderation;

/// <summary>The forms of the moderation pages, sent the way a browser sends them (the token from the page they are on).</summary>
public static class ModerationForms
{
    /// <param name="until">As typed in the box (UTC): "2026-09-02T08:00"; null suspends until lifted.</param>
    public static Task<HttpResponseMessage> SuspendAsync(HttpClient staff, string userId, string reason = "Insults in several groups", string? until = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Reason"] = reason, ["Input.Until"] = until ?? "" };
        return Forms.PostAsync(staff, $"/moderation/users?userId={userId}", fields, $"/moderation/users?handler=Suspend&userId={userId}");
    }

    public static Task<HttpResponseMessage> LiftAsync(HttpClient staff, string userId) =>
        Forms.PostAsync(staff, $"/moderation/users?userId={userId}", new Dictionary<string, string>(), $"/moderation/users?handler=Lift&userId={userId}");

    public static Task<HttpResponseMessage> AddWordAsync(HttpClient keeper, string page, string phrase, string action = "Hold") =>
        Forms.PostAsync(keeper, page, new Dictionary<string, string> { ["Input.Phrase"] = phrase, ["Input.Action"] = action }, page + "?handler=Add");

    public static Task<HttpResponseMessage> RemoveWordAsync(HttpClient keeper, string page, int wordId) =>
        Forms.PostAsync(keeper, page, new Dictionary<string, string>(), $"{page}?handler=Remove&wordId={wordId}");

    /// <param name="until">The wall-clock time in the group's zone, as typed: "2026-09-08T18:00".</param>
    public static Task<HttpResponseMessage> MuteAsync(HttpClient moderator, int groupId, string userId, string until, string reason = "Insults in the debate") =>
        Forms.PostAsync(moderator, $"/groups/{groupId}/moderation/members",
            new Dictionary<string, string> { ["Input.UserId"] = userId, ["Input.Until"] = until, ["Input.Reason"] = reason },
            $"/groups/{groupId}/moderation/members?handler=Mute");

    /// <summary>A 403 from a page (Forbid) reaches a signed-in browser as the cookie handler's redirect to the access-denied page.</summary>
    public static void AssertForbidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", Forms.RedirectPath(response));
    }
}
