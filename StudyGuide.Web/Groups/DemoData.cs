using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Commands;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Groups;

/// <summary>
/// `dotnet run --project StudyGuide.Web -- demo`: a teacher, a class of five students, a club, two
/// assignments and a few reflections, so a newcomer can explore in a minute. Only on an empty
/// database: it refuses as soon as any account exists.
/// </summary>
public static class DemoData
{
    static readonly string[] StudentNames = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Tim Berners-Lee"];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<User>>();
        var modules = services.GetRequiredService<IAssignableModules>().All;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        if (await db.Users.AnyAsync())
            throw new CommandException("This database already has accounts. The demo data is only for an empty database; nothing was changed.");
        if (modules.Count < 2)
            throw new CommandException("The demo needs at least two curriculum modules in content/en/modules.");

        var teacherPassword = StudentAccounts.GeneratePassword();
        var teacher = new User { UserName = "demo.teacher", DisplayName = "Ms Rivera", CreatedAt = now };
        Check(await AccountCreation.CreateAsync(db, users, teacher, teacherPassword, Roles.Teacher));
        var organiserPassword = StudentAccounts.GeneratePassword();
        var organiser = new User { UserName = "demo.organiser", DisplayName = "Sam Okafor", CreatedAt = now };
        Check(await AccountCreation.CreateAsync(db, users, organiser, organiserPassword, role: null));

        var zone = "Europe/Paris";
        var schoolClass = new Group
        {
            Name = "Class 9B",
            Description = "Media literacy, autumn term.",
            Kind = GroupKind.Class,
            TimeZone = zone,
            MemberListVisibility = MemberListVisibility.DisplayNames,
            JoinCode = await JoinCodes.NewUnusedAsync(db),
            CreatedAt = now,
            CreatedByUserId = teacher.Id,
        };
        schoolClass.Memberships.Add(new Membership { UserId = teacher.Id, Role = MembershipRole.Facilitator, JoinedAt = now });
        var club = new Group
        {
            Name = "Saturday film club",
            Description = "We watch The Social Dilemma together and talk about it afterwards.",
            Kind = GroupKind.Club,
            TimeZone = zone,
            MemberListVisibility = MemberListVisibility.Hidden,
            JoinCode = await JoinCodes.NewUnusedAsync(db),
            CreatedAt = now,
            CreatedByUserId = organiser.Id,
        };
        club.Memberships.Add(new Membership { UserId = organiser.Id, Role = MembershipRole.Facilitator, JoinedAt = now });
        club.Memberships.Add(new Membership { UserId = teacher.Id, Role = MembershipRole.Member, JoinedAt = now });
        db.Groups.AddRange(schoolClass, club);
        await db.SaveChangesAsync();

        var students = await StudentAccounts.CreateAsync(db, users, schoolClass, teacher.Id, StudentNames, Guid.NewGuid(), now);
        // A newcomer exploring should not have to change five passwords first.
        await db.Users.Where(u => u.CreatedByUserId == teacher.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false));
        var studentIds = await db.Users.Where(u => u.CreatedByUserId == teacher.Id).OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync();

        // Due at 18:00 in the class's zone, three days ago and in a week.
        var paris = GroupTime.FindZone(zone);
        var today = GroupTime.ToWallClock(now, paris).Date;
        var dueAt = (int days) => GroupTime.ToUtc(today.AddDays(days).AddHours(18), paris) ?? now.AddDays(days);
        var past = await AssignAsync(db, schoolClass, teacher.Id, modules[0], dueAt(-3), ReflectionMode.Open, now.AddDays(-10));
        var upcoming = await AssignAsync(db, schoolClass, teacher.Id, modules[1], dueAt(7), ReflectionMode.PostFirst, now.AddDays(-1));
        AddReflection(db, past, studentIds[0], 1, now.AddDays(-5), "The app I use most is free, so someone else pays: advertisers buy my attention. Knowing that, I want to notice when I open it out of habit.");
        AddReflection(db, past, studentIds[1], 2, now.AddDays(-4), "I am not sure \"you are the product\" is fair. I get something useful too. But the advertisers are the customers, not me.");
        AddReflection(db, past, studentIds[2], 3, now.AddDays(-2), "Posted a day late: I counted how many times I opened apps without meaning to. Eleven times before lunch.");
        AddReflection(db, upcoming, studentIds[0], 1, now.AddHours(-5), "Autoplay decided for me more often than I thought.");
        await db.SaveChangesAsync();

        await output.WriteLineAsync("Demo data created. Sign in at /account/sign-in with these usernames and passwords:");
        await output.WriteLineAsync($"  teacher (leads {schoolClass.Name}, member of {club.Name})   demo.teacher   {teacherPassword}");
        await output.WriteLineAsync($"  organiser (leads {club.Name})   demo.organiser   {organiserPassword}");
        await output.WriteLineAsync($"  students of {schoolClass.Name}:");
        foreach (var student in students.Slips)
            await output.WriteLineAsync($"    {student.DisplayName,-20} {student.UserName,-14} {student.Password}");
        await output.WriteLineAsync($"Join codes: {schoolClass.Name} {JoinCodes.Display(schoolClass.JoinCode!)}, {club.Name} {JoinCodes.Display(club.JoinCode!)}");
        return 0;
    }

    static async Task<(Assignment Assignment, DiscussionThread Thread)> AssignAsync(
        AppDbContext db, Group group, string teacherId, ModuleChoice module, DateTimeOffset dueAt, ReflectionMode mode, DateTimeOffset createdAt)
    {
        var assignment = new Assignment
        {
            GroupId = group.Id,
            ModuleSlug = module.Slug,
            ModuleTitle = module.Title,
            DueAt = dueAt,
            InstructionsMarkdown = "Read the module before class, then post your reflection in the thread.",
            ReflectionMode = mode,
            CreatedAt = createdAt,
            CreatedByUserId = teacherId,
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync();
        var thread = new DiscussionThread
        {
            GroupId = group.Id,
            Kind = ThreadKind.Assignment,
            AssignmentId = assignment.Id,
            Title = "Reflections: " + module.Title,
            CreatedAt = createdAt,
            ActivityAt = createdAt,
            MemberActivityAt = createdAt,
            CreatedByUserId = teacherId,
        };
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        return (assignment, thread);
    }

    static void AddReflection(AppDbContext db, (Assignment Assignment, DiscussionThread Thread) target, string authorId, int number, DateTimeOffset at, string text)
    {
        db.Posts.Add(new Post
        {
            ThreadId = target.Thread.Id,
            AuthorId = authorId,
            Number = number,
            BodyMarkdown = text,
            BodyHtml = PostMarkdown.Render(text).Html,
            CreatedAt = at,
        });
        // The thread row holds what Posting's UPDATE keeps: the last number (thread pages are number ranges),
        // the time of the last post, and the thread list's activity keys (members' only where they see the posts).
        target.Thread.LastPostNumber = Math.Max(target.Thread.LastPostNumber, number);
        if (target.Thread.LastPostAt is null || target.Thread.LastPostAt < at) target.Thread.LastPostAt = at;
        if (target.Thread.ActivityAt < at) target.Thread.ActivityAt = at;
        if (target.Assignment.ReflectionMode == ReflectionMode.Open && target.Thread.MemberActivityAt < at) target.Thread.MemberActivityAt = at;
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
