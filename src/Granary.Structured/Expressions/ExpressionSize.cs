namespace Granary.Structured.Expressions;

/// <summary>A rough size of an expression once unrolled (states), stopping early past a budget.</summary>
internal static class ExpressionSize
{
    public static long Estimate(GrammarExpression expression, long budget)
    {
        long total = 0;
        var pending = new Stack<(GrammarExpression Expression, long Copies)>();
        pending.Push((expression, 1));
        while (pending.Count > 0 && total < budget)
        {
            var (current, copies) = pending.Pop();
            switch (current)
            {
                case LiteralExpression literal:
                    total += copies * literal.Bytes.Length;
                    break;
                case TextExpression text:
                    total += copies * text.Text.StateCount * 4;
                    break;
                case SequenceExpression sequence:
                    foreach (var part in sequence.Parts)
                    {
                        pending.Push((part, copies));
                    }

                    break;
                case ChoiceExpression choice:
                    foreach (var option in choice.Options)
                    {
                        pending.Push((option, copies));
                    }

                    break;
                case RepeatExpression repeat:
                    pending.Push((repeat.Item, copies * Math.Max(1, repeat.Max ?? repeat.Min + 1)));
                    break;
                case ObjectMembersExpression members:
                    foreach (var (member, _) in members.Members)
                    {
                        pending.Push((member, copies));
                    }

                    if (members.ExtraMember is { } extra)
                    {
                        pending.Push((extra, copies));
                    }

                    break;
                default:
                    total += copies;
                    break;
            }
        }

        return total;
    }
}
