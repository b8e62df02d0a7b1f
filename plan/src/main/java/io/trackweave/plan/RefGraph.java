package io.trackweave.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code $ref}s of a plan and the {@code $defs} they point at: collected while the schemas are read, then
 * checked once every definition is known (each reference resolves, and no definition reaches itself, since a
 * payload must be finite).
 */
final class RefGraph {
  static final String REF_PREFIX = "#/$defs/";

  private final PlanProblems problems;
  /** Every {@code $ref} seen: the path of the {@code $ref} key, the def it names, the def it sits in (or null). */
  private final List<RefUse> refs = new ArrayList<>();

  private record RefUse(String path, String target, String inDef) {}

  RefGraph(PlanProblems problems) {
    this.problems = problems;
  }

  /** Records a {@code $ref} to {@code target} at {@code path}, inside definition {@code inDef} (null: outside). */
  void add(String path, String target, String inDef) {
    refs.add(new RefUse(path, target, inDef));
  }

  /** True when every reference resolves and there is no cycle; reports each that does not, and each cycle. */
  boolean check(Map<String, Schema> defs) {
    boolean ok = true;
    Map<String, List<RefUse>> graph = new HashMap<>();
    for (RefUse ref : refs) {
      if (!defs.containsKey(ref.target())) {
        ok = false;
        problems.report(ref.path(), PlanMessage.UNRESOLVED_REF, ref.target(), ref.target(),
            PlanMessage.didYouMean(ref.target(), defs.keySet()));
      } else if (ref.inDef() != null) {
        graph.computeIfAbsent(ref.inDef(), k -> new ArrayList<>()).add(ref);
      }
    }
    // Depth-first search over the definitions; each cycle is reported once, at the $ref that closes it.
    Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
    for (String def : defs.keySet()) {
      if (!findCycles(def, graph, state, new ArrayList<>())) {
        ok = false;
      }
    }
    return ok;
  }

  private boolean findCycles(String def, Map<String, List<RefUse>> graph, Map<String, Integer> state,
      List<String> stack) {
    Integer s = state.get(def);
    if (s != null) {
      return true;
    }
    state.put(def, 1);
    stack.add(def);
    boolean ok = true;
    for (RefUse ref : graph.getOrDefault(def, List.of())) {
      Integer targetState = state.get(ref.target());
      if (targetState != null && targetState == 1) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(ref.target()), stack.size()));
        cycle.add(ref.target());
        problems.report(ref.path(), PlanMessage.REF_CYCLE, String.join(" -> ", cycle));
        ok = false;
      } else if (!findCycles(ref.target(), graph, state, stack)) {
        ok = false;
      }
    }
    stack.remove(stack.size() - 1);
    state.put(def, 2);
    return ok;
  }

  /**
   * Follows {@code $ref}s to the schema that holds the keywords; null when a reference does not resolve or goes
   * round (at most one hop per definition).
   */
  static Schema resolve(Schema schema, Map<String, Schema> defs) {
    Schema s = schema;
    int hops = 0;
    while (s != null && s.ref() != null && hops++ <= defs.size()) {
      s = defs.get(s.ref().substring(REF_PREFIX.length()));
    }
    return s == null || s.ref() != null ? null : s;
  }
}
