namespace Granary.Server.Clustering;

/// <summary>
/// The membership database cannot be used (unreachable, or without Orleans' schema). Its message already says why and
/// what to do, so it prints as that one line: the host's start-up log and the CLI's error handler both print ToString().
/// </summary>
internal sealed class MembershipStoreException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public override string ToString() => Message;
}
