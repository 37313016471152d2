using System.Text;
using Strata.Data.Engine;

namespace Strata.Data.Foundation.Import;

/// <summary>
/// The record structure of one CSV input, found by the importer's own RFC 4180 scan before the engine reads the
/// file: how many data records it holds, and on which physical line each one starts. The engine numbers rows in
/// file order; a record's line is that number plus one (the header) until a record spans several lines (a quoted
/// line break) or a blank line is skipped — from then on every record's line is reported to
/// <see cref="Scan"/>'s callback, so line numbers never come from an engine's error text.
/// Structural faults (wrong field count, unterminated or stray quotes, invalid UTF-8, an over-long record) are
/// fatal: a record that cannot be split into fields has no fields to reject.
/// </summary>
internal static class CsvLayout
{
    /// <summary>Longest record accepted, in bytes (a few fields of at most <see cref="ImportRules.MaxFieldLength"/> each fit easily).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private const int BufferSize = 1 << 20;

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    /// <summary>
    /// Scans <paramref name="path"/>, whose header has <paramref name="fields"/> fields. Returns the number of data
    /// records; <paramref name="shifted"/> receives (1-based record number, physical line) for every record from the
    /// first one whose line is not its number plus one.
    /// </summary>
    public static long Scan(string path, int fields, Action<long, long> shifted) => Scan(path, fields, shifted, null);

    /// <param name="keys">When given, the first field of every data record is checked for repeats (see <see cref="KeyCheck"/>).</param>
    public static long Scan(string path, int fields, Action<long, long> shifted, KeyCheck? keys)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize + 4];
        var carry = 0;
        var line = 1L;            // physical line of the current byte
        var recordLine = 1L;      // physical line where the current record began
        var recordBytes = 0L;
        var fieldCount = 0;
        var records = -1L;        // the header is record 0
        var isShifted = false;
        var state = State.FieldStart;
        var first = true;
        var pendingCr = false;
        var keyField = keys?.Field ?? -1;
        var keyHash = KeyCheck.Seed;
        var keyLength = 0;
        byte keyFirst = 0, keyLast = 0;

        void Fail(long at, string reason) => throw new InputException(path, at, null, reason);

        void EndRecord()
        {
            if (recordBytes == 0)
            {
                return; // a blank line holds no record (the engine skips it too)
            }
            fieldCount++;
            if (fieldCount != fields)
            {
                Fail(recordLine, $"malformed record: expected {fields} fields, found {fieldCount}");
            }
            records++;
            if (records > 0 && keys is not null)
            {
                keys.Add(keyHash, keyLength, keyFirst, keyLast);
            }
            if (records > 0 && (isShifted || recordLine != records + 1))
            {
                isShifted = true;
                shifted(records, recordLine);
            }
        }

        while (true)
        {
            var read = stream.Read(buffer, carry, BufferSize - carry + 4);
            var length = carry + read;
            var end = read == 0 ? length : Math.Max(0, length - 4); // keep a multi-byte character whole
            var span = buffer.AsSpan(0, length);
            var i = 0;
            if (first)
            {
                first = false;
                if (span.StartsWith("\uFEFF"u8))
                {
                    i = 3;
                }
            }
            for (; i < end; i++)
            {
                var b = span[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (b != (byte)'\n')
                    {
                        Fail(line, "malformed record: a carriage return not followed by a line feed");
                    }
                }
                if (b >= 0x80)
                {
                    if (Rune.DecodeFromUtf8(span[i..length], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                    {
                        Fail(line, "not valid UTF-8 text");
                    }
                    if (fieldCount == keyField && records >= 0) { keys!.Unsure(); }
                    if (state is State.FieldStart) { state = State.Unquoted; }
                    else if (state is State.QuoteInQuoted) { Fail(line, "malformed record: text after a closing quote"); }
                    recordBytes += consumed;
                    i += consumed - 1;
                    continue;
                }
                if (b == (byte)'\r' && state != State.Quoted)
                {
                    pendingCr = true;
                    continue;
                }
                if (b == (byte)'\n')
                {
                    line++;
                    if (state == State.Quoted)
                    {
                        recordBytes++;
                        continue;
                    }
                    EndRecord();
                    state = State.FieldStart;
                    fieldCount = 0;
                    recordBytes = 0;
                    recordLine = line;
                    (keyHash, keyLength) = (KeyCheck.Seed, 0);
                    continue;
                }
                if (++recordBytes > MaxRecordBytes)
                {
                    Fail(recordLine, $"record longer than {MaxRecordBytes} bytes");
                }
                if (fieldCount == keyField && records >= 0)
                {
                    if (b == (byte)'"')
                    {
                        keys!.Unsure(); // a quoted key's text is not its bytes
                    }
                    else if (b != (byte)',')
                    {
                        keyHash = (keyHash ^ b) * KeyCheck.Prime;
                        keyFirst = keyLength++ == 0 ? b : keyFirst;
                        keyLast = b;
                    }
                }
                switch (state)
                {
                    case State.FieldStart:
                        state = b == (byte)'"' ? State.Quoted : b == (byte)',' ? State.FieldStart : State.Unquoted;
                        if (b == (byte)',') { fieldCount++; }
                        break;
                    case State.Unquoted:
                        if (b == (byte)',') { fieldCount++; state = State.FieldStart; }
                        else if (b == (byte)'"') { Fail(line, "malformed record: a quote inside an unquoted field (quote the whole field and double the quote)"); }
                        break;
                    case State.Quoted:
                        if (b == (byte)'"') { state = State.QuoteInQuoted; }
                        break;
                    case State.QuoteInQuoted:
                        if (b == (byte)'"') { state = State.Quoted; }
                        else if (b == (byte)',') { fieldCount++; state = State.FieldStart; }
                        else { Fail(line, "malformed record: text after a closing quote"); }
                        break;
                }
            }
            if (read == 0)
            {
                break;
            }
            carry = length - i; // a character decoded across the edge has moved i past end
            span[i..length].CopyTo(buffer);
        }
        if (state == State.Quoted)
        {
            Fail(recordLine, "malformed record: a quoted field is never closed");
        }
        if (pendingCr)
        {
            line++;
        }
        EndRecord();
        return Math.Max(0, records);
    }

    /// <summary>
    /// Whether any key (the record's field at <see cref="Field"/>) repeats, decided during the record scan so that a file whose keys are
    /// all distinct needs no duplicate-key pass in the engine. Keys are hashed (64-bit FNV-1a, then mixed) into an
    /// open-addressing set. <see cref="Distinct"/> is true only when every hash is distinct and every key's text is
    /// exactly its bytes (unquoted, ASCII, no leading or trailing blank, which the engine would trim): distinct hashes
    /// then prove distinct keys. Anything else (a repeated hash, a quoted key, ...) leaves the question to the engine.
    /// </summary>
    public sealed class KeyCheck(int field)
    {
        /// <summary>The key's position among the record's fields (0-based).</summary>
        public int Field { get; } = field;

        public const ulong Seed = 14695981039346656037UL;
        public const ulong Prime = 1099511628211UL;

        private ulong[] _slots = new ulong[1 << 16];
        private long _count;
        private bool _unsure;

        /// <summary>True when no key repeats for certain; false when one may (the engine then checks exactly).</summary>
        public bool Distinct => !_unsure;

        public void Unsure() => _unsure = true;

        internal void Add(ulong hash, int length, byte first, byte last)
        {
            if (_unsure || length == 0)
            {
                return; // an empty key is missing, not a duplicate
            }
            if (first is (byte)' ' or (byte)'\t' || last is (byte)' ' or (byte)'\t')
            {
                _unsure = true;
                return;
            }
            // fmix64 (MurmurHash3) spreads FNV's low bits; 0 marks an empty slot, so it is moved.
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53UL;
            hash ^= hash >> 33;
            hash = hash == 0 ? 1 : hash;
            if (_count * 2 >= _slots.Length)
            {
                var old = _slots;
                _slots = new ulong[old.Length * 2];
                foreach (var h in old)
                {
                    if (h != 0)
                    {
                        Insert(h);
                    }
                }
            }
            if (!Insert(hash))
            {
                _unsure = true;
                _slots = [];
            }
            else
            {
                _count++;
            }
        }

        private bool Insert(ulong hash)
        {
            var mask = (ulong)_slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                if (_slots[i] == 0)
                {
                    _slots[i] = hash;
                    return true;
                }
                if (_slots[i] == hash)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>
    /// Scans a CSV file into the engine's view of it: the record count, and — only when some record does not start on
    /// line record + 1 — the temp table <paramref name="lineMap"/> of (record, line) from that record on.
    /// </summary>
    public static (long Read, string? LineMap) ScanInto(IEngine engine, string path, int fields, string lineMap, KeyCheck? keys = null)
    {
        engine.Execute($"CREATE TEMP TABLE {lineMap} (record BIGINT NOT NULL, line BIGINT NOT NULL)");
        IRowAppender? append = null;
        try
        {
            var read = Scan(path, fields, (record, line) =>
            {
                append ??= engine.Append(lineMap);
                append.Row(record, line);
            }, keys);
            return (read, append is null ? null : lineMap);
        }
        finally
        {
            append?.Dispose();
        }
    }

    /// <summary>
    /// A file's rows in file order, each (source) column as trimmed text under its alias, empty meaning missing; when
    /// numbered, with its line: row number + <paramref name="headerLines"/>, or the line map's line where it has one.
    /// An empty OVER () numbers rows in scan order because the engine preserves insertion order (DuckDB's default).
    /// </summary>
    public static string RowsSql(string read, IEnumerable<(string Source, string Alias)> columns, bool numbered, int headerLines, string? lineMap)
    {
        var list = columns.ToList();
        var text = string.Join(", ", list.Select(c => $"NULLIF(trim(CAST({c.Source} AS VARCHAR)), '') AS {c.Alias}"));
        if (numbered && lineMap is not null)
        {
            return $"""
                SELECT coalesce(m.line, r.record + {headerLines}) AS line, {string.Join(", ", list.Select(c => "r." + c.Alias))}
                FROM (SELECT row_number() OVER () AS record, {text} FROM {read}) r
                LEFT JOIN {lineMap} m ON m.record = r.record
                """;
        }
        return $"SELECT {(numbered ? $"row_number() OVER () + {headerLines} AS line, " : "")}{text} FROM {read}";
    }
}
