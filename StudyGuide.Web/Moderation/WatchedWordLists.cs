using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Moderation;

/// <summary>
/// Adding and removing watched words, in the site's list (no group) or one group's. Each change and its log entry are
/// written by one SaveChanges, like every moderation action (<see cref="ModerationActions"/>).
/// </summary>
public static class WatchedWordLists
{
    public static Task<List<WatchedWord>> ListAsync(AppDbContext db, int? groupId, CancellationToken cancellationToken = default) =>
        db.WatchedWords.AsNoTracking().Where(w => w.GroupId == groupId).OrderBy(w => w.Phrase).ThenBy(w => w.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Adds the phrase, cleaned (<see cref="WatchedWords.Clean"/>); null when the list already has it, compared the way
    /// matching compares (case and accents folded), since "Connard" next to "connard" would change nothing.
    /// </summary>
    public static async Task<WatchedWord?> AddAsync(
        AppDbContext db, int? groupId, ModerationActor actor, string phrase, WatchedWordAction action, DateTimeOffset now)
    {
        var cleaned = WatchedWords.Clean(phrase);
        var folded = WatchedWords.Fold(cleaned);
        var existing = await db.WatchedWords.AsNoTracking().Where(w => w.GroupId == groupId).Select(w => w.Phrase).ToListAsync();
        if (existing.Any(p => WatchedWords.Fold(WatchedWords.Clean(p)) == folded)) return null;

        var word = new WatchedWord { GroupId = groupId, Phrase = cleaned, Action = action, CreatedAt = now };
        db.WatchedWords.Add(word);
        ModerationLog.Add(db, actor, ModerationAction.AddWatchedWord, now, groupId, detail: Detail(word));
        await db.SaveChangesAsync();
        return word;
    }

    /// <summary>Removes a word of this list; null when it is not there (another id, or another list's word).</summary>
    public static async Task<WatchedWord?> RemoveAsync(AppDbContext db, int? groupId, ModerationActor actor, int wordId, DateTimeOffset now)
    {
        var word = await db.WatchedWords.FirstOrDefaultAsync(w => w.Id == wordId && w.GroupId == groupId);
        if (word is null) return null;
        db.WatchedWords.Remove(word);
        ModerationLog.Add(db, actor, ModerationAction.RemoveWatchedWord, now, groupId, detail: Detail(word));
        await db.SaveChangesAsync();
        return word;
    }

    /// <summary>The log's detail: "connard (Refuse)".</summary>
    public static string Detail(WatchedWord word) => $"{word.Phrase} ({word.Action})";
}
