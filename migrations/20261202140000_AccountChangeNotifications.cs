using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StudyGuide.Web.Data;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <summary>
    /// Tells every app process when an account's check changes (AccountChecks listens): a password
    /// (security stamp), a suspension, a forced password change, or the account deleted. NOTIFY is sent
    /// when the transaction commits, whoever wrote the row (the app, the users command, plain SQL).
    /// The channel name is written out: a migration is history, and must not change when the app does.
    /// No model change, so no snapshot change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202140000_AccountChangeNotifications")]
    public partial class AccountChangeNotifications : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    PERFORM pg_notify('account_changed', OLD.id);
                    RETURN NULL;
                END
                $body$;

                CREATE TRIGGER users_account_changed
                    AFTER UPDATE OF security_stamp, suspended_at, must_change_password OR DELETE ON users
                    FOR EACH ROW EXECUTE FUNCTION notify_account_changed();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER users_account_changed ON users;
                DROP FUNCTION notify_account_changed();
                """);
        }
    }
}
