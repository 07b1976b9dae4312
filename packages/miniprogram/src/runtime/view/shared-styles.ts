/** Class prefixes whose styles this page already shares. */
const leaked = new Set<string>();

/**
 * `styleIsolation: 'shared'`: a component's styles also apply to the page. The component's rules
 * are already in the page's sheets with its class prefix; a copy without the prefix reaches the
 * page's (and other sharing components') classes of the same names.
 */
export function shareComponentStyles(doc: Document, prefix: string): void {
  if (!prefix || leaked.has(prefix)) return;
  leaked.add(prefix);
  const marker = `.${prefix}`;
  let css = '';
  for (const sheet of Array.from(doc.styleSheets)) css += unprefixedRules(sheet.cssRules, marker);
  if (!css) return;
  const style = doc.createElement('style');
  style.textContent = css;
  doc.head.append(style);
}

function unprefixedRules(rules: CSSRuleList, marker: string): string {
  let out = '';
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule && rule.selectorText.includes(marker)) {
      out += `${rule.selectorText.split(marker).join('.')}{${rule.style.cssText}}\n`;
    } else if (rule instanceof CSSMediaRule) {
      const inner = unprefixedRules(rule.cssRules, marker);
      if (inner) out += `@media ${rule.conditionText}{${inner}}\n`;
    }
  }
  return out;
}
