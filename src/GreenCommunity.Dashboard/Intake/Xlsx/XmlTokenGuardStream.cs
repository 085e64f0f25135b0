using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>
/// Refuses XML whose tags or runs of text are longer than a limit, by looking at the bytes before XmlReader does:
/// XmlReader holds a whole tag, and every attribute value as a string, in memory, so a tag of 500 MB would be read
/// whole before any check of ours could see it. Quotes are followed so that "&gt;" inside an attribute value does not
/// end the tag, and comments, CDATA sections and processing instructions are one token up to their end. A run of text longer than the limit is a cell too long (its characters are counted exactly later).
/// </summary>
internal sealed class XmlTokenGuardStream(Stream inner, int maxTokenBytes, int maxCellCharacters) : ReadFilterStream(inner)
{
    private State _state = State.Text;
    private byte _quote;
    private byte _end;      // a comment's '-', a CDATA section's ']' or a processing instruction's '?': the byte that ends it before '>'
    private byte _last1;
    private byte _last2;
    private int _length;

    private enum State
    {
        Text,
        TagStart,
        BangStart,
        Tag,
        Special,
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        foreach (var b in buffer[..read])
        {
            Look(b);
        }
        return read;
    }

    private void Look(byte b)
    {
        if (_state == State.Text)
        {
            if (b == (byte)'<')
            {
                Begin(State.TagStart);
            }
            else if (++_length > maxTokenBytes)
            {
                throw new WorkbookLimitException(ReportProblemCodes.CellTooLong, maxCellCharacters);
            }
            return;
        }
        if (++_length > maxTokenBytes)
        {
            throw new WorkbookLimitException(ReportProblemCodes.UnreadableWorkbook, $"an XML tag, comment or CDATA section longer than {maxTokenBytes / 1024} KB");
        }
        switch (_state)
        {
            case State.TagStart when b == (byte)'!':
                _state = State.BangStart;
                break;
            case State.TagStart when b == (byte)'?':
                BeginSpecial((byte)'?');
                break;
            case State.BangStart when b == (byte)'-':
                BeginSpecial((byte)'-');
                break;
            case State.BangStart when b == (byte)'[':
                BeginSpecial((byte)']');
                break;
            case State.Special:
                // "-->", "]]>" or "?>": the text inside may hold quotes and '>' freely.
                if (b == (byte)'>' && _last1 == _end && (_end == (byte)'?' || _last2 == _end))
                {
                    Begin(State.Text);
                }
                break;
            default:
                LookInTag(b);
                break;
        }
        _last2 = _last1;
        _last1 = b;
    }

    /// <summary>A tag (or a DOCTYPE, which XmlReader refuses): '>' ends it unless inside a quoted attribute value.</summary>
    private void LookInTag(byte b)
    {
        _state = State.Tag;
        if (_quote != 0)
        {
            if (b == _quote)
            {
                _quote = 0;
            }
        }
        else if (b is (byte)'"' or (byte)'\'')
        {
            _quote = b;
        }
        else if (b == (byte)'>')
        {
            Begin(State.Text);
        }
    }

    private void Begin(State state)
    {
        _state = state;
        _length = state == State.Text ? 0 : 1;
        _quote = 0;
    }

    private void BeginSpecial(byte end)
    {
        _state = State.Special;
        _end = end;
        _last1 = 0;
        _last2 = 0;
    }
}
