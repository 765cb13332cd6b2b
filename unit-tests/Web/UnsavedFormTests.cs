using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StudyGuide.Web.Pages;

namespace StudyGuide.Tests.Web;

/// <summary>What the 503 page keeps of a form the database could not take.</summary>
public class UnsavedFormTests
{
    [Fact]
    public async Task The_typed_text_is_shown_and_the_token_and_idempotency_key_go_back_unchanged_to_the_same_address()
    {
        var key = Guid.NewGuid().ToString();
        var context = FailedPost("/threads/7", "?page=2", new()
        {
            ["__RequestVerificationToken"] = "token-value",
            ["Input.IdempotencyKey"] = key,
            ["Input.ReplyToNumber"] = "12",
            ["Input.Body"] = "A reply written while the database restarted.",
        });

        var unsaved = await UnsavedForm.ReadAsync(context);

        Assert.NotNull(unsaved);
        Assert.Equal("/threads/7?page=2", unsaved.Action);
        Assert.Equal("Input.Body", unsaved.TextName);
        Assert.Equal("A reply written while the database restarted.", unsaved.Text);
        Assert.Equal(
            [KeyValuePair.Create("__RequestVerificationToken", "token-value"), KeyValuePair.Create("Input.IdempotencyKey", key), KeyValuePair.Create("Input.ReplyToNumber", "12")],
            unsaved.Hidden);
    }

    [Fact]
    public async Task A_form_with_a_password_is_not_kept()
    {
        var context = FailedPost("/account/sign-in", "", new()
        {
            ["__RequestVerificationToken"] = "token-value",
            ["Input.Login"] = "ada",
            ["Input.Password"] = "a long enough passphrase",
        });

        Assert.Null(await UnsavedForm.ReadAsync(context));
    }

    static DefaultHttpContext FailedPost(string path, string query, Dictionary<string, StringValues> fields)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/error";
        context.Request.QueryString = new QueryString(query.Length > 0 ? query : null);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Form = new FormCollection(fields);
        context.Features.Set<IExceptionHandlerPathFeature>(new ExceptionHandlerFeature { Path = path, Error = new TimeoutException() });
        return context;
    }
}
