package io.trackweave.agent.internal.index;

import io.trackweave.agent.internal.log.AgentLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;


/**
 * Reads the processor's index: UTF-8 lines, {@code #} comments, and otherwise four fields separated by
 * one space, {@code <owner> <method> <descriptor> <mapper>}. A malformed line is reported and skipped,
 * never fatal: the rest of the index still weaves.
 */
public final class IndexParser {
  /** The format version this agent reads, from the first line {@code # trackweave-index 1}. */
  public static final String HEADER = "# trackweave-index 1";

  private IndexParser() {}

  public static List<IndexEntry> parse(InputStream in, String source)
      throws IOException {
    List<IndexEntry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (number == 1 && line.startsWith("# trackweave-index ") && !line.strip().equals(HEADER)) {
        AgentLog.warning(source + ": index format '" + line.substring(2).strip() + "' is newer than this agent reads (" + HEADER.substring(2) + "); reading it anyway");
      }
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split(" ");
      if (fields.length != 4 || fields[2].indexOf('(') != 0 || fields[2].indexOf(')') < 1) {
        AgentLog.warning(source + ":" + number + ": not '<owner> <method> <descriptor> <mapper>': " + text);
        continue;
      }
      entries.add(new IndexEntry(fields[0], fields[1], fields[2], fields[3]));
    }
    return entries;
  }
}
