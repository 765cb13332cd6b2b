using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace StudyGuide.Web.Accounts;

/// <summary>The `StudyGuide:Smtp` section of <see cref="StudyGuideOptions"/>.</summary>
public sealed class EmailOptions
{
    public string? Host { get; set; }

    [Range(1, 65_535, ErrorMessage = Messages.Range)]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Mailbox]
    public string From { get; set; } = "StudyGuide <no-reply@localhost>";

    /// <summary>STARTTLS on 587, implicit TLS on 465; "None" only for a relay on the same machine.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public interface IEmailSender
{
    /// <summary>False when email is off: the message went to the log instead.</summary>
    bool IsEnabled { get; }

    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default);
}

/// <summary>Sends over SMTP with MailKit; with no SMTP host configured, writes the message to the log.</summary>
public sealed partial class EmailSender(IOptions<StudyGuideOptions> options, ILogger<EmailSender> logger) : IEmailSender
{
    public bool IsEnabled => options.Value.Smtp.IsConfigured;

    public async Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Smtp;
        if (!settings.IsConfigured)
        {
            LogEmailOff(logger, to, subject, textBody);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email is off (no StudyGuide:Smtp:Host); not sent to {To}: {Subject}\n{Body}")]
    static partial void LogEmailOff(ILogger logger, string to, string subject, string body);
}
