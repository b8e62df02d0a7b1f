package io.trackweave.processor;

import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.write.Catalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Writes the index and the catalog when the compilation is over: this compilation's methods, merged with the
 * previous files' entries for classes it did not compile. An incremental compilation (an IDE, or Maven
 * recompiling changed files) compiles a subset of the sources into the same class output; rewriting the index
 * from that subset alone would drop every other class from weaving. An entry is kept when its owner is not among
 * the types compiled now (those are replaced by what this run found, possibly nothing) and still exists on the
 * class path; an owner that is gone takes its entries with it.
 */
final class IndexAndCatalog {
  private final GeneratedFiles files;
  private final CompiledTypes types;
  /** Located on first use: a compilation that writes nothing need not look for the plan. */
  private final Supplier<TrackingPlan> plan;

  IndexAndCatalog(GeneratedFiles files, CompiledTypes types, Supplier<TrackingPlan> plan) {
    this.files = files;
    this.types = types;
    this.plan = plan;
  }

  /** @param generated the mappers this compilation generated */
  void write(List<MapperSpec> generated) {
    String previousIndex = files.read(TrackweaveProcessor.INDEX);
    if (!WeaveIndex.mergeable(previousIndex)) {
      previousIndex = null; // none, or another format: nothing we can merge safely, so this run's methods replace it
    }
    if (generated.isEmpty() && previousIndex == null) {
      return; // nothing annotated now or before: no files
    }
    // annotations seen but maybe no method checked (e.g. the last annotated method was removed): the catalog
    // still names the plan
    TrackingPlan trackingPlan = plan.get();
    WeaveIndex index = new WeaveIndex();
    if (previousIndex != null) {
      index.keep(previousIndex, owner -> types.compiledNow(owner) || !types.exists(owner));
    }
    if (generated.isEmpty() && !index.droppedAny()) {
      return; // a compilation that touched no tracked class: the files stay as they are
    }
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    for (MapperSpec spec : generated) {
      MethodModel m = spec.model();
      owners.putIfAbsent(m.ownerBinaryName(), m.owner());
      index.put(m);
    }
    Element[] originating = owners.values().toArray(new Element[0]);
    List<Catalog.Entry> retained = index.keptDescriptors().isEmpty() ? List.of()
        : Catalog.retained(files.read(TrackweaveProcessor.CATALOG_JSON), index.keptDescriptors());
    Catalog catalog = new Catalog(trackingPlan, generated, retained);
    files.write(TrackweaveProcessor.INDEX, index.text(), originating);
    files.write(TrackweaveProcessor.CATALOG_JSON, catalog.json(), originating);
    files.write(TrackweaveProcessor.CATALOG_MD, catalog.markdown(), originating);
  }
}
