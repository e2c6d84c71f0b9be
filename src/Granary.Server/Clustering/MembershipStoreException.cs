namespace Granary.Server.Clustering;

/// <summary>
/// The membership database cannot be used (unreachable, or without Orleans' schema). Its message already says why and
/// what to do: Program prints it as the one line start-up errors get (the host's own start-up log is filtered), and
/// ToString() is that line too, for anything else that logs it.
/// </summary>
internal sealed class MembershipStoreException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public override string ToString() => Message;
}
