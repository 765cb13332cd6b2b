using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// The <c>&lt;article&gt;</c> of each post on a thread page: number, author, time, "edited", reply-to, the
/// stored body and the actions this reader may take. Written straight into the page, as Razor markup cost
/// more than the page's database reads (bench/RESULTS.md). Texts and links are made once a page (links from
/// the pages' routes, <see cref="ThreadLinks"/>). One encoder, the page's <see cref="HtmlEncoder"/>, encodes
/// every value: texts through <see cref="Text"/>, attribute values through <see cref="Attribute"/>, and what is
/// written several times (a post's number, a link's parts) once, when it is made. The stored body is the one
/// value written as HTML.
/// </summary>
public sealed class PostArticles
{
    readonly ThreadAccess access;
    readonly bool mayPost, mayReport;
    readonly IReadOnlyDictionary<string, string> studentNames;
    readonly IStringLocalizer l;
    readonly HtmlEncoder encoder;
    readonly TimeZoneInfo zone;
    readonly string postLabel, editedText, deletedText, replyText, quoteText, editText, deleteText, historyText;
    readonly string reportText, moderateText, hiddenText, onlyYouText;
    readonly NumberedLink permalink, reply, quote, edit, delete, history, report, moderate;

    /// <param name="mayReport">The reader is a member who is not muted: they may report others' posts.</param>
    public PostArticles(ThreadAccess access, int pageNumber, bool mayPost, bool mayReport, IReadOnlyDictionary<string, string> studentNames,
        IStringLocalizer l, ThreadLinks links, PathString pathBase, HtmlEncoder encoder)
    {
        this.access = access;
        this.mayPost = mayPost;
        this.mayReport = mayReport;
        this.studentNames = studentNames;
        this.l = l;
        this.encoder = encoder;
        zone = access.Group.Group.TimeZoneInfo;
        postLabel = l["Post {0}"].Value;
        editedText = l["edited"].Value;
        deletedText = l["Deleted by the author."].Value;
        replyText = l["Reply"].Value;
        quoteText = l["Quote"].Value;
        editText = l["Edit"].Value;
        deleteText = l["Delete"].Value;
        historyText = l["History"].Value;
        reportText = l["Report"].Value;
        moderateText = l["Moderate"].Value;
        hiddenText = l["This post is hidden while a facilitator reviews it."].Value;
        onlyYouText = l["Only its author and the group's moderators see the text below."].Value;

        var thread = access.Thread.Id.ToString(CultureInfo.InvariantCulture);
        var page = pageNumber.ToString(CultureInfo.InvariantCulture);
        string ForThisPage(string link) => pathBase + link.Replace(ThreadLinks.Thread, thread, StringComparison.Ordinal).Replace(ThreadLinks.Page, page, StringComparison.Ordinal);
        AnswerLink = ForThisPage(links.ThisPage);
        NumberedLink ToPost(string link) => new(ForThisPage(link), encoder);
        permalink = ToPost(links.Permalink);
        reply = ToPost(links.Reply);
        quote = ToPost(links.Quote);
        edit = ToPost(links.Edit);
        delete = ToPost(links.Delete);
        history = ToPost(links.History);
        report = ToPost(links.Report);
        moderate = ToPost(links.Moderate);
    }

    /// <summary>Where the reply form posts to: this page of this thread.</summary>
    public string AnswerLink { get; }

    public IHtmlContent For(PostRow post) => new Article(this, post);

    sealed class Article(PostArticles page, PostRow post) : IHtmlContent
    {
        // The page's encoder, given when the page was made, is the one Razor writes with.
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => page.Write(writer, post);
    }

    void Write(TextWriter w, PostRow post)
    {
        // Encoded once, then written in several attributes and texts.
        var number = encoder.Encode(post.Number.ToString(CultureInfo.InvariantCulture));
        // Removed or hidden posts keep their number and place; their text is for the author and the moderators.
        var inPlace = post.RemovedAt is null && post.HiddenAt is null;
        w.Write(post.IsDeleted ? "<article class=\"post post-deleted\" id=\"post-"
            : post.RemovedAt is not null ? "<article class=\"post post-removed\" id=\"post-"
            : post.HiddenAt is not null ? "<article class=\"post post-hidden\" id=\"post-"
            : "<article class=\"post\" id=\"post-");
        w.Write(number);
        w.Write("\" aria-labelledby=\"post-");
        w.Write(number);
        w.Write("-author\">\n<header class=\"post-header\">\n<a class=\"post-number\" href=\"");
        permalink.Write(w, number);
        w.Write("\" aria-label=\"");
        Attribute(w, string.Format(CultureInfo.CurrentCulture, postLabel, number));
        w.Write("\">#");
        w.Write(number);
        w.Write("</a>\n<span class=\"post-author\" id=\"post-");
        w.Write(number);
        w.Write("-author\">");
        Text(w, post.AuthorName);
        w.Write("</span>\n");
        GroupTime.Element(post.CreatedAt, zone).WriteTo(w, encoder);
        if (post.EditedAt is not null && !post.IsDeleted)
        {
            w.Write("\n<span class=\"post-edited\">· ");
            Text(w, editedText);
            w.Write("</span>");
        }
        if (post.ReplyToNumber is { } replyTo)
        {
            w.Write("\n<span class=\"post-reply-to\">· <a href=\"");
            permalink.Write(w, encoder.Encode(replyTo.ToString(CultureInfo.InvariantCulture)));
            w.Write("\">");
            Text(w, l["in reply to #{0}", replyTo]);
            w.Write("</a></span>");
        }
        if (post.VisibleToUserId is { } student && access.IsFacilitator)
        {
            w.Write("\n<span class=\"hint\">· ");
            Text(w, l["private reply to {0}", studentNames.GetValueOrDefault(student, "")]);
            w.Write("</span>");
        }
        w.Write("\n</header>\n");
        if (post.IsDeleted)
        {
            w.Write("<p class=\"post-body placeholder\">");
            Text(w, deletedText);
            w.Write("</p>\n");
        }
        else
        {
            if (!inPlace)
            {
                w.Write("<p class=\"post-body placeholder\">");
                Text(w, post.RemovedAt is not null ? RemovalNotice(post) : hiddenText);
                w.Write("</p>\n");
            }
            if (inPlace || access.ShowsText(post.AuthorId, post.HiddenAt, post.RemovedAt))
            {
                if (!inPlace)
                {
                    w.Write("<p class=\"hint\">");
                    Text(w, onlyYouText);
                    w.Write("</p>\n");
                }
                w.Write("<div class=\"post-body\">");
                // Sanitised when the post was written (PostMarkdown): the one value written as HTML.
                PostMarkdown.FromStored(post.BodyHtml).WriteTo(w, encoder);
                w.Write("</div>\n");
            }
        }
        w.Write("<ul class=\"post-actions\">\n");
        var answerable = inPlace && !post.IsDeleted;
        if (answerable && mayPost)
        {
            Action(w, reply, number, replyText);
            Action(w, quote, number, quoteText);
        }
        if (answerable && mayReport && post.AuthorId != access.UserId) Action(w, report, number, reportText);
        if (inPlace && access.CanEdit(post.AuthorId, post.DeletedAt))
        {
            Action(w, edit, number, editText);
            Action(w, delete, number, deleteText);
        }
        if ((post.EditedAt is not null || post.IsDeleted) && access.CanReadHistory(post.AuthorId))
            Action(w, history, number, historyText);
        if (!post.IsDeleted && access.MayModerate) Action(w, moderate, number, moderateText);
        w.Write("</ul>\n</article>\n");
    }

    void Action(TextWriter w, NumberedLink link, string number, string label)
    {
        w.Write("<li><a href=\"");
        link.Write(w, number);
        w.Write("\">");
        Text(w, label);
        w.Write("</a></li>\n");
    }

    string RemovalNotice(PostRow post)
    {
        var reason = ModerationReasons.InSentence(post.RemovalReason ?? ModerationReason.Other, post.RemovalNote, l);
        return post.RemovedBySiteStaff ? l["Removed by a moderator: {0}", reason] : l["Removed by a facilitator: {0}", reason];
    }

    void Text(TextWriter w, string text) => encoder.Encode(w, text);

    // The same encoding as text: HtmlEncoder escapes quotes too, so its output is safe inside a quoted attribute.
    void Attribute(TextWriter w, string value) => encoder.Encode(w, value);

    /// <summary>A link to one post of this page's thread, cut around the post's stand-in and encoded once a page.</summary>
    sealed class NumberedLink
    {
        readonly string before, after;

        public NumberedLink(string link, HtmlEncoder encoder)
        {
            var at = link.IndexOf(ThreadLinks.Post, StringComparison.Ordinal);
            before = encoder.Encode(link[..at]);
            after = encoder.Encode(link[(at + ThreadLinks.Post.Length)..]);
        }

        /// <param name="number">Already encoded.</param>
        public void Write(TextWriter w, string number)
        {
            w.Write(before);
            w.Write(number);
            w.Write(after);
        }
    }
}
