/**
 * Import boundaries, checked by `npm run lint` (with scripts/check-folder-cycles.js for cycles between folders).
 * The shape: a pure domain core; features and dialogs over the conversation layer; the Bot Framework, restify, the
 * database drivers and the connector at the edges; one composition root (src/index.ts) that imports them all.
 */
const EDGE_PACKAGES = '^(botbuilder|botbuilder-.*|botframework-.*|restify|restify-.*|pg|pg-.*|better-sqlite3|nodemailer|smtp-server)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle makes load order matter and the code hard to follow.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds rules and ports: no edge, no store, no bot, no cards, no other folder of certibot.',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/(zod|date-fns|@date-fns)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'cards-are-pure-views',
      severity: 'error',
      comment: 'Cards are pure functions of a view model and the message catalogs.',
      from: { path: '^cards/' },
      // The intent names a card may offer (the disambiguation card) are vocabulary, not understanding.
      to: { pathNot: ['^cards/', '^src/domain/', '^src/messages/', '^src/understanding/intents\\.ts$', '^node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'edge-packages-at-the-edge',
      severity: 'error',
      comment: 'botbuilder, restify, the database drivers and the mail transport stay at the edges (and the composition root).',
      from: { path: '^(src|dialogs|cards)/', pathNot: ['^src/(bot|web|store)/', '^src/notify/smtp-mailer\\.ts$', '^src/index\\.ts$'] },
      to: { path: `^node_modules/${EDGE_PACKAGES.slice(1, -1)}/` },
    },
    {
      name: 'only-the-root-lives-in-src',
      severity: 'error',
      comment: 'Files directly in src/ count as the folder "src": only the composition root is there.',
      from: {},
      to: { path: '^src/[^/]+\\.ts$', pathNot: '^src/index\\.ts$' },
    },
    {
      name: 'nothing-imports-the-root',
      severity: 'error',
      comment: 'The composition root imports everything; nothing imports it back (tests and benches excepted).',
      from: { path: '^(src|dialogs|cards|toolkit)/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    // A work tree whose node_modules is a link to a shared install: packages keep their node_modules/… path, which the
    // rules above name (resolved, they would read ../<elsewhere>/node_modules/… and match no rule).
    preserveSymlinks: true,
  },
};
