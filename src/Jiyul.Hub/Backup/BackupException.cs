namespace Jiyul.Hub.Backup;

/// <summary>A backup or restore that cannot go on, with a message for the operator saying why.</summary>
internal sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
