using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// The <c>&lt;article&gt;</c> of each post on a thread page: number, author, time, "edited", reply-to, the
/// stored body and the actions this reader may take. Written straight into the page, as Razor markup cost
/// more than the page's database reads (bench/RESULTS.md). Texts and links are made once a page (links from
/// the pages' routes); every text goes through <see cref="Text"/> and every attribute value through
/// <see cref="Attribute"/>, both with the page's <see cref="HtmlEncoder"/>; the stored body is the one exception.
/// </summary>
public sealed class PostArticles
{
    readonly ThreadAccess access;
    readonly bool mayPost;
    readonly IReadOnlyDictionary<string, string> studentNames;
    readonly IStringLocalizer l;
    readonly HtmlEncoder encoder;
    readonly TimeZoneInfo zone;
    readonly string postLabel, editedText, deletedText, replyText, quoteText, editText, deleteText, historyText;
    readonly NumberedLink permalink, reply, quote, edit, delete, history;

    public PostArticles(ThreadAccess access, int pageNumber, bool mayPost, IReadOnlyDictionary<string, string> studentNames,
        IStringLocalizer l, LinkGenerator links, PathString pathBase, HtmlEncoder encoder)
    {
        this.access = access;
        this.mayPost = mayPost;
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

        var id = access.Thread.Id;
        NumberedLink PostLink(string page) => new(links.GetPathByPage(page, values: new { id, number = NumberedLink.StandIn }, pathBase: pathBase), encoder);
        permalink = PostLink("/Discussions/Permalink");
        edit = PostLink("/Discussions/Edit");
        delete = PostLink("/Discussions/Delete");
        history = PostLink("/Discussions/History");
        // Razor Pages keeps the route value "page" for the page's name, so the thread page's ?page= is added as a query.
        var threadPath = links.GetPathByPage("/Discussions/Thread", values: new { id }, pathBase: pathBase);
        var page = new KeyValuePair<string, string?>("page", pageNumber.ToString(CultureInfo.InvariantCulture));
        AnswerLink = threadPath + QueryString.Create([page]);
        NumberedLink Answer(string parameter) => new(threadPath + QueryString.Create([page, new(parameter, NumberedLink.StandIn.ToString(CultureInfo.InvariantCulture))]) + "#reply", encoder);
        reply = Answer("reply");
        quote = Answer("quote");
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
        var number = post.Number.ToString(CultureInfo.InvariantCulture);
        w.Write(post.IsDeleted ? "<article class=\"post post-deleted\" id=\"" : "<article class=\"post\" id=\"");
        Attribute(w, "post-", number);
        w.Write("\" aria-labelledby=\"");
        Attribute(w, "post-", number, "-author");
        w.Write("\">\n<header class=\"post-header\">\n<a class=\"post-number\" href=\"");
        permalink.Write(w, number);
        w.Write("\" aria-label=\"");
        Attribute(w, string.Format(CultureInfo.CurrentCulture, postLabel, number));
        w.Write("\">#");
        Text(w, number);
        w.Write("</a>\n<span class=\"post-author\" id=\"");
        Attribute(w, "post-", number, "-author");
        w.Write("\">");
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
            permalink.Write(w, replyTo.ToString(CultureInfo.InvariantCulture));
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
            w.Write("<div class=\"post-body\">");
            // Sanitised when the post was written (PostMarkdown): the one value written as HTML.
            PostMarkdown.FromStored(post.BodyHtml).WriteTo(w, encoder);
            w.Write("</div>\n");
        }
        w.Write("<ul class=\"post-actions\">\n");
        if (!post.IsDeleted && mayPost)
        {
            Action(w, reply, number, replyText);
            Action(w, quote, number, quoteText);
        }
        if (access.CanEdit(post.AuthorId, post.DeletedAt))
        {
            Action(w, edit, number, editText);
            Action(w, delete, number, deleteText);
        }
        if ((post.EditedAt is not null || post.IsDeleted) && access.CanReadHistory(post.AuthorId))
            Action(w, history, number, historyText);
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

    void Text(TextWriter w, string text) => encoder.Encode(w, text);

    // The same encoding as text: HtmlEncoder escapes quotes too, so its output is safe inside a quoted attribute.
    void Attribute(TextWriter w, string value) => encoder.Encode(w, value);

    void Attribute(TextWriter w, string first, string second, string third = "")
    {
        encoder.Encode(w, first);
        encoder.Encode(w, second);
        encoder.Encode(w, third);
    }

    /// <summary>
    /// A link to one post, made once a page from a page's route for a stand-in number: cut around that number and
    /// encoded as an attribute value, so that each post only adds its own number.
    /// </summary>
    sealed class NumberedLink
    {
        public const int StandIn = int.MaxValue;

        readonly string before, after;
        readonly HtmlEncoder encoder;

        public NumberedLink(string? path, HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(path);
            var standIn = StandIn.ToString(CultureInfo.InvariantCulture);
            // The number comes after the thread's id in every link, so the last stand-in is the number's.
            var at = path.LastIndexOf(standIn, StringComparison.Ordinal);
            before = encoder.Encode(path[..at]);
            after = encoder.Encode(path[(at + standIn.Length)..]);
            this.encoder = encoder;
        }

        public void Write(TextWriter w, string number)
        {
            w.Write(before);
            encoder.Encode(w, number);
            w.Write(after);
        }
    }
}
