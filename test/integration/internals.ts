/** Words of internal errors (botbuilder, restify, zod, node) that must never reach an HTTP client. */
export const INTERNALS = /stack|at \w+ \(|Error:|Unauthorized Access|authorized|JSON at position|Unexpected token|zod|issues|req\.body|\.ts:|\.js:/i;
