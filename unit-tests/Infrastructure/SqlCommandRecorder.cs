using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands EF runs against one database while it is alive (test classes run in parallel on
/// their own databases, so the database name keeps other classes' commands out).
/// </summary>
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    readonly string database;
    readonly IDisposable allListeners;
    readonly List<IDisposable> subscriptions = [];
    readonly List<string> commands = [];

    public SqlCommandRecorder(string database)
    {
        this.database = database;
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count
    {
        get { lock (commands) return commands.Count; }
    }

    public IReadOnlyList<string> Commands
    {
        get { lock (commands) return commands.ToList(); }
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (subscriptions) subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.Database == database)
            lock (commands) commands.Add(data.Command.CommandText);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
    }
}
