package io.trackweave.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that could not be read or breaks a plan-level rule; holds every problem found, not just the first. */
public final class PlanException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<PlanProblem> problems;

  public PlanException(List<PlanProblem> problems) {
    super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }
}
