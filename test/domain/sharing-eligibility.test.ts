import { CORRIDORS, STRUCTURE_KINDS, type Corridor, type StructureKind } from '../../src/domain/knowledge';
import { decideSharing } from '../../src/domain/sharing-eligibility';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';

const rules = loadKnowledge().sharingRules;
const BEFORE_2023 = '2022-06-15';
const TODAY = '2026-11-26';

type Expected = 'allowed' | 'forbidden' | 'outdated' | 'uncovered' | 'needs-structure';

/** Every combination of corridor (or none said), structure (or none said), sites and date, with the answer due. */
const EXPECTED: Record<'none' | Corridor, Record<'none' | StructureKind, { before: Expected; after: Expected }>> = {
  none: {
    none: { before: 'needs-structure', after: 'needs-structure' },
    public: { before: 'allowed', after: 'allowed' },
    dialysis: { before: 'allowed', after: 'allowed' },
    private: { before: 'forbidden', after: 'outdated' },
    'managing-body': { before: 'allowed', after: 'allowed' },
    'multi-entity-group': { before: 'forbidden', after: 'forbidden' },
  },
  hopital: {
    none: { before: 'needs-structure', after: 'needs-structure' },
    public: { before: 'allowed', after: 'allowed' },
    dialysis: { before: 'allowed', after: 'allowed' },
    private: { before: 'forbidden', after: 'outdated' },
    'managing-body': { before: 'uncovered', after: 'uncovered' },
    'multi-entity-group': { before: 'forbidden', after: 'forbidden' },
  },
  'medico-social': {
    none: { before: 'allowed', after: 'allowed' },
    public: { before: 'uncovered', after: 'uncovered' },
    dialysis: { before: 'uncovered', after: 'uncovered' },
    private: { before: 'uncovered', after: 'uncovered' },
    'managing-body': { before: 'allowed', after: 'allowed' },
    'multi-entity-group': { before: 'forbidden', after: 'forbidden' },
  },
};

const combinations = (['none', ...CORRIDORS] as const).flatMap((corridor) =>
  (['none', ...STRUCTURE_KINDS] as const).flatMap((structure) =>
    ([1, 3, 'several', undefined] as const).flatMap((sites) =>
      (['before', 'after'] as const).map((when) => ({ corridor, structure, sites, when })),
    ),
  ),
);

describe('sharing one certificate across sites', () => {
  it.each(combinations)('corridor $corridor, structure $structure, sites $sites, $when early 2023', ({ corridor, structure, sites, when }) => {
    const decision = decideSharing(
      {
        ...(corridor === 'none' ? {} : { corridor }),
        ...(structure === 'none' ? {} : { structure }),
        ...(sites === undefined ? {} : { sites }),
        today: when === 'before' ? BEFORE_2023 : TODAY,
      },
      rules,
    );
    const expected = EXPECTED[corridor][structure][when];
    const actual = decision.kind === 'ruled' ? decision.verdict : decision.kind;
    expect(actual).toBe(expected);
    if (decision.kind === 'ruled') expect(decision.singleSite).toBe(sites === 1);
  });

  it('a private clinic cannot pool sites while the sheet rule is in force', () => {
    const decision = decideSharing({ structure: 'private', sites: 2, today: '2022-12-31' }, rules);
    expect(decision).toMatchObject({ kind: 'ruled', verdict: 'forbidden', rule: { id: 'hopital-prive' } });
  });

  it('the private-clinic rule is reported as outdated from 1 January 2023, never silently applied', () => {
    const decision = decideSharing({ structure: 'private', sites: 2, today: '2023-01-01' }, rules);
    expect(decision).toMatchObject({ kind: 'ruled', verdict: 'outdated' });
  });

  it('the medico-social corridor alone is enough: the sheet speaks only of managing bodies there', () => {
    const decision = decideSharing({ corridor: 'medico-social', today: TODAY }, rules);
    expect(decision).toMatchObject({ kind: 'ruled', verdict: 'allowed', rule: { id: 'medico-social-organisme-gestionnaire' } });
  });

  it('the hospital corridor alone asks for the structure and remembers the corridor', () => {
    expect(decideSharing({ corridor: 'hopital', sites: 3, today: TODAY }, rules)).toEqual({ kind: 'needs-structure', corridor: 'hopital' });
  });
});
