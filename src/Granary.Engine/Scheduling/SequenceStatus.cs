namespace Granary.Engine.Scheduling;

internal enum SequenceStatus
{
    Waiting,
    Running,
    Finished,
}
