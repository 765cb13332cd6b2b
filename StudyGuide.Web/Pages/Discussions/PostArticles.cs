using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// The <c>&lt;article&gt;</c> of each post on a thread page: number, author, time, "edited", reply-to, the
/// stored body and the actions this reader may take. Written straight into the page: as Razor markup its
/// forty-odd attribute and value writes per post cost a page of fifty posts more than its two database
/// reads (bench/RESULTS.md). The texts are looked up once a page; every value that is not a number or a
/// fixed string is HTML-encoded.
/// </summary>
public sealed class PostArticles(ThreadAccess access, int pageNumber, bool mayPost, IReadOnlyDictionary<string, string> studentNames, IStringLocalizer l)
{
    readonly string threadLink = "/threads/" + access.Thread.Id.ToString(CultureInfo.InvariantCulture);
    readonly string answerLink = "/threads/" + access.Thread.Id.ToString(CultureInfo.InvariantCulture) + "?page=" + pageNumber.ToString(CultureInfo.InvariantCulture);
    readonly TimeZoneInfo zone = access.Group.Group.TimeZoneInfo;
    readonly string postLabel = l["Post {0}"].Value;
    readonly string editedText = l["edited"].Value;
    readonly string deletedText = l["Deleted by the author."].Value;
    readonly string replyText = l["Reply"].Value;
    readonly string quoteText = l["Quote"].Value;
    readonly string editText = l["Edit"].Value;
    readonly string deleteText = l["Delete"].Value;
    readonly string historyText = l["History"].Value;

    /// <summary>Where the reply form posts to, and the page links' base: this page of this thread.</summary>
    public string AnswerLink => answerLink;

    public IHtmlContent For(PostRow post) => new Article(this, post);

    sealed class Article(PostArticles page, PostRow post) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => page.Write(writer, encoder, post);
    }

    void Write(TextWriter w, HtmlEncoder encoder, PostRow post)
    {
        var number = post.Number.ToString(CultureInfo.InvariantCulture);
        w.Write(post.IsDeleted ? "<article class=\"post post-deleted\" id=\"post-" : "<article class=\"post\" id=\"post-");
        w.Write(number);
        w.Write("\" aria-labelledby=\"post-");
        w.Write(number);
        w.Write("-author\">\n<header class=\"post-header\">\n<a class=\"post-number\" href=\"");
        w.Write(threadLink);
        w.Write("/posts/");
        w.Write(number);
        w.Write("\" aria-label=\"");
        encoder.Encode(w, string.Format(CultureInfo.CurrentCulture, postLabel, number));
        w.Write("\">#");
        w.Write(number);
        w.Write("</a>\n<span class=\"post-author\" id=\"post-");
        w.Write(number);
        w.Write("-author\">");
        encoder.Encode(w, post.AuthorName);
        w.Write("</span>\n");
        GroupTime.Element(post.CreatedAt, zone).WriteTo(w, encoder);
        if (post.EditedAt is not null && !post.IsDeleted)
        {
            w.Write("\n<span class=\"post-edited\">· ");
            encoder.Encode(w, editedText);
            w.Write("</span>");
        }
        if (post.ReplyToNumber is { } replyTo)
        {
            var target = replyTo.ToString(CultureInfo.InvariantCulture);
            w.Write("\n<span class=\"post-reply-to\">· <a href=\"");
            w.Write(threadLink);
            w.Write("/posts/");
            w.Write(target);
            w.Write("\">");
            encoder.Encode(w, l["in reply to #{0}", replyTo]);
            w.Write("</a></span>");
        }
        if (post.VisibleToUserId is { } student && access.IsFacilitator)
        {
            w.Write("\n<span class=\"hint\">· ");
            encoder.Encode(w, l["private reply to {0}", studentNames.GetValueOrDefault(student, "")]);
            w.Write("</span>");
        }
        w.Write("\n</header>\n");
        if (post.IsDeleted)
        {
            w.Write("<p class=\"post-body placeholder\">");
            encoder.Encode(w, deletedText);
            w.Write("</p>\n");
        }
        else
        {
            w.Write("<div class=\"post-body\">");
            // Sanitised when the post was written (PostMarkdown); the one value written unencoded.
            PostMarkdown.FromStored(post.BodyHtml).WriteTo(w, encoder);
            w.Write("</div>\n");
        }
        w.Write("<ul class=\"post-actions\">\n");
        if (!post.IsDeleted && mayPost)
        {
            Action(w, encoder, answerLink, "&amp;reply=", number, "#reply", replyText);
            Action(w, encoder, answerLink, "&amp;quote=", number, "#reply", quoteText);
        }
        if (access.CanEdit(post.AuthorId, post.DeletedAt))
        {
            Action(w, encoder, threadLink, "/posts/", number, "/edit", editText);
            Action(w, encoder, threadLink, "/posts/", number, "/delete", deleteText);
        }
        if ((post.EditedAt is not null || post.IsDeleted) && access.CanReadHistory(post.AuthorId))
            Action(w, encoder, threadLink, "/posts/", number, "/history", historyText);
        w.Write("</ul>\n</article>\n");
    }

    // The link parts are digits and fixed text; only the label comes from outside.
    static void Action(TextWriter w, HtmlEncoder encoder, string link, string middle, string number, string end, string label)
    {
        w.Write("<li><a href=\"");
        w.Write(link);
        w.Write(middle);
        w.Write(number);
        w.Write(end);
        w.Write("\">");
        encoder.Encode(w, label);
        w.Write("</a></li>\n");
    }
}
