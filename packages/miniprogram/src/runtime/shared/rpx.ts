/** Converts `rpx` to viewport width units: 750rpx is the screen's width. */
export function convertRpx(text: string): string {
  return text.includes('rpx') ? text.replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/g, (_, number: string) => `${+(Number(number) / 7.5).toFixed(5)}vw`) : text;
}
