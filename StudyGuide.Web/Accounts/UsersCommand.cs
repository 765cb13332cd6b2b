using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Commands;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Accounts;

/// <summary>`users list | create | set-password` for operators.</summary>
public static class UsersCommand
{
    public static async Task<int> ListAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName,
                u.Email,
                u.DisplayName,
                u.SuspendedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync();
        if (users.Count == 0)
        {
            await output.WriteLineAsync("No accounts yet.");
            return 0;
        }
        foreach (var u in users)
        {
            var roles = u.Roles.Count == 0 ? "-" : string.Join(",", u.Roles.Order());
            var suspended = u.SuspendedAt is null ? "" : "  (suspended)";
            await output.WriteLineAsync($"{u.UserName}\t{u.Email ?? "-"}\t{u.DisplayName}\t{roles}{suspended}");
        }
        return 0;
    }

    public static async Task<int> CreateAsync(IServiceProvider services, Options options, TextWriter output)
    {
        options.AllowOnly("email", "password", "role", "name", "username");
        var email = options.Require("email");
        var password = options.Require("password");
        var role = options.Get("role");
        if (role is not null)
        {
            role = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
                ?? throw new CommandException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
        }

        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email) is not null)
            throw new CommandException($"An account with the email {email} already exists.");

        var user = new User
        {
            UserName = options.Get("username") ?? email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = options.Get("name") ?? email.Split('@')[0],
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var result = await AccountCreation.CreateAsync(services.GetRequiredService<AppDbContext>(), users, user, password, role);
        if (!result.Succeeded) throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await output.WriteLineAsync($"Created {user.UserName}{(role is null ? "" : " with role " + role)}.");
        return 0;
    }

    public static async Task<int> SetPasswordAsync(IServiceProvider services, Options options, TextWriter output)
    {
        options.AllowOnly("email", "username", "password");
        var password = options.Require("password");
        var users = services.GetRequiredService<UserManager<User>>();
        var user = (options.Get("email"), options.Get("username")) switch
        {
            ({ } email, null) => await users.FindByEmailAsync(email),
            (null, { } userName) => await users.FindByNameAsync(userName),
            _ => throw new CommandException("Give exactly one of --email or --username."),
        } ?? throw new CommandException("No account matches.");

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
        // An operator resetting a password usually means the person was locked out.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await output.WriteLineAsync($"Password changed for {user.UserName}.");
        return 0;
    }
}

/// <summary>Creates an account with an optional role in one transaction: a refused password leaves no half-made account.</summary>
public static class AccountCreation
{
    public static async Task<IdentityResult> CreateAsync(AppDbContext db, UserManager<User> users, User user, string password, string? role)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Role first, then password: the staff password rule (10+ characters) needs to see the role.
            var result = await users.CreateAsync(user);
            if (result.Succeeded && role is not null) result = await users.AddToRoleAsync(user, role);
            if (result.Succeeded) result = await users.AddPasswordAsync(user, password);
            if (result.Succeeded) await transaction.CommitAsync();
            return result;
        });
    }
}
