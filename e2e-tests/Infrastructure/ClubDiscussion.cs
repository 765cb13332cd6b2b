using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.E2E.Infrastructure;

/// <summary>A club and a discussion written straight into a database, for tests whose journey starts at the discussion.</summary>
public static class ClubDiscussion
{
    /// <summary>
    /// A club led by <paramref name="leader"/> with <paramref name="members"/>, and a discussion whose first post is the
    /// leader's <paramref name="firstPost"/> (made by the posting service); returns the discussion's id.
    /// </summary>
    public static async Task<int> CreateAsync(string connectionString, string firstPost, string leader, params string[] members)
    {
        await using var db = Classroom.NewDbContext(connectionString);
        var ids = await db.Users.Where(u => u.UserName == leader || members.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var now = DateTimeOffset.UtcNow;
        var group = new Group
        {
            Name = "Club " + Guid.NewGuid().ToString("N")[..6], Kind = GroupKind.Club, TimeZone = "Europe/Paris",
            JoinCode = await JoinCodes.NewUnusedAsync(db), CreatedAt = now, CreatedByUserId = ids[leader],
        };
        group.Memberships.Add(new Membership { UserId = ids[leader], Role = MembershipRole.Facilitator, JoinedAt = now });
        foreach (var member in members) group.Memberships.Add(new Membership { UserId = ids[member], Role = MembershipRole.Member, JoinedAt = now });
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        var thread = new DiscussionThread
        {
            GroupId = group.Id, Kind = ThreadKind.Free, Title = "A discussion", CreatedAt = now, ActivityAt = now, MemberActivityAt = now, CreatedByUserId = ids[leader],
        };
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        Assert.Null((await Posting.CreateAsync(db, thread.Id, ids[leader], firstPost, Guid.NewGuid(), null, null, now)).Problem);
        return thread.Id;
    }
}
