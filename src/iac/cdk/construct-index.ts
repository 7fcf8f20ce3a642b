import type { CdkSource, ConstructFact } from './parse-cdk-source.js';

export interface IndexedConstruct {
  construct: ConstructFact;
  source: CdkSource;
}

/** The constructs of one CDK app by id, built once so each construct path is one lookup. */
export class ConstructIndex {
  private readonly byId = new Map<string, IndexedConstruct[]>();

  constructor(sources: CdkSource[]) {
    for (const source of sources) {
      for (const construct of source.constructs) {
        const list = this.byId.get(construct.id) ?? [];
        list.push({ construct, source });
        this.byId.set(construct.id, list);
      }
    }
  }

  /**
   * The construct an `aws:cdk:path` such as `AppStack/Api/ListOrders/Resource` was made by,
   * when the source tells it apart from every other construct of that id.
   */
  find(
    cdkPath: string,
    accepts: (construct: ConstructFact) => boolean,
  ): IndexedConstruct | undefined {
    const segments = cdkPath.split('/');
    if (segments.at(-1) === 'Resource') {
      segments.pop();
    }

    const id = segments.at(-1);
    const candidates = (id === undefined ? [] : (this.byId.get(id) ?? [])).filter(entry =>
      accepts(entry.construct),
    );
    if (candidates.length <= 1) {
      return candidates[0];
    }

    const parent = segments.at(-2);
    const inParent = candidates.filter(entry => this.isMadeIn(entry.construct, parent));

    return inParent.length === 1 ? inParent[0] : undefined;
  }

  // `Stack/Api/Fn` was made inside the class that `new ApiConstruct(this, 'Api')` instantiates.
  private isMadeIn(construct: ConstructFact, parentId: string | undefined): boolean {
    const parents = parentId === undefined ? [] : (this.byId.get(parentId) ?? []);

    return parents.some(parent => parent.construct.className === construct.enclosingClass);
  }
}
