using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace StudyGuide.Web.Data;

/// <summary>
/// An EF interceptor that sees every command EF sends (readers, scalars, non-queries; sync and async) and
/// changes nothing: the bench's SQL counter and the tests' SQL recorder. An interceptor rather than EF's
/// diagnostic events, which pooled contexts check through a cached switch and can miss.
/// </summary>
public abstract class DbCommandObserver : DbCommandInterceptor
{
    protected abstract void Observe(DbCommand command);

    /// <summary>A command sent on the context's connection without EF (ThreadAccess's one-trip read): its observers see it too.</summary>
    public static void ReportSentWithoutEf(DbContext db, DbCommand command)
    {
        if (db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors is not { } interceptors) return;
        foreach (var interceptor in interceptors)
            if (interceptor is DbCommandObserver observer) observer.Observe(command);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }
}
