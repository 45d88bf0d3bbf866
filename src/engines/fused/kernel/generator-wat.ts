/**
 * The WebAssembly text of the fast path's generator passes (the article's
 * 1 -> 5 -> 5 -> 1 tanh generator, linear output), on f64x2 vectors.
 *
 * Why WebAssembly: the generator's passes are most of a fused round
 * (200,000 tanh a round). As JavaScript, V8 compiles each tanh to about 45
 * scalar instructions; the same operations on two vector lanes cost about
 * what one scalar evaluation does. Measured on 500 samples, one core:
 * forward 36-40 us as straight-line JavaScript, 16 us here; backward
 * 19-27 us as JavaScript, 10-13 us here.
 *
 * Both compute exactly what `Network` computes, operation for operation,
 * so a run gives the same bits on either path; the tests check it.
 * - forward packs two samples into the lanes. A forward pass has no sum
 *   over samples, so nothing is reordered. The tanh is `tanh` of
 *   activation.ts step by step: pmin/pmax clamp as Math.min/max do for
 *   every input here, NaN included (the value is their first operand), and
 *   the saturating truncation gives what `| 0` gives on the clamped range.
 * - backward sums over samples, in order, so it packs parameters instead:
 *   units (0, 1), (2, 3) and (4, spare) share a vector, and each lane adds
 *   up its own parameter's terms sample by sample, as the general path
 *   does.
 *
 * `npm run build` turns this text into generator.wasm with wabt
 * (scripts/build-kernel.ts); kernel.ts loads it.
 */
import { layerSlices, parameterCount } from '../../parameters.js';
import { TANH_OFFSET } from '../activation.js';

/** Hidden units a layer of the generator these kernels handle. */
export const WIDTH = 5;
/** Layer sizes of that generator, the article's: 1 -> 5 -> 5 -> 1. */
export const FAST_SIZES = [1, WIDTH, WIDTH, 1] as const;
/** Its parameter count, 46. */
export const PARAMETERS = parameterCount(FAST_SIZES);

/** Byte offsets in the kernel's memory, shared with kernel.ts. */
export const LAYOUT = {
  /** The generator's PARAMETERS parameters, in the shared layout. */
  params: 0,
  /** The gradient backward writes, same layout. */
  grads: 384,
  /** The tanh constants, CONSTANT_NAMES order, one f64 each. */
  constants: 768,
  /** TANH_TABLE. */
  table: 1024,
} as const;

/** The f64 constants kernel.ts writes at LAYOUT.constants, in order. */
export const CONSTANT_NAMES = [
  'minusLimit',
  'limit',
  'steps',
  'round',
  'inverseSteps',
  'c1',
  'c2',
  'c3',
  'one',
] as const;

/** Parameter offsets, in the shared layout (src/engines/parameters.ts). */
const [LAYER1, LAYER2, LAYER3] = layerSlices(FAST_SIZES);
const W1 = LAYER1.weightOffset;
const B1 = LAYER1.biasOffset;
const W2 = LAYER2.weightOffset;
const B2 = LAYER2.biasOffset;
const W3 = LAYER3.weightOffset;
const B3 = LAYER3.biasOffset;
const UNITS = [0, 1, 2, 3, 4];

/** Bytes from one sample's hidden outputs to the next's. */
const ROW_BYTES = 8 * WIDTH;

/** The whole module: the exported functions `forward` and `backward`. */
export function generatorWat(): string {
  return `(module
  (import "gansweep" "memory" (memory 1))
${forwardFunction()}
${backwardFunction()})
`;
}

function forwardFunction(): string {
  return `
  ;; forward(input, pairs, h1, h2, out): byte offsets; runs samples
  ;; 0 .. 2 * pairs - 1 of input, writes both hidden layers (5 values a
  ;; sample, sample-major) to h1 and h2 and the samples to out.
  (func (export "forward")
    (param $input i32) (param $pairs i32) (param $h1 i32) (param $h2 i32)
    (param $out i32)
    (local $end i32) (local $k v128) (local $r v128) (local $z v128)
    (local $t v128) (local $big v128) (local $x v128)
    ${declare(CONSTANT_NAMES.map((name) => `$${name}`))}
    ${declare(UNITS.map((j) => `$u${j}`))}
    ${declare(UNITS.map((o) => `$s${o}`))}
    ${declare(parameterLocals())}
    (local $offset v128)

    ${CONSTANT_NAMES.map(loadConstant).join('\n    ')}
    (local.set $offset (i32x4.splat (i32.const ${TANH_OFFSET})))
    ${loadParameters()}

    (local.set $end (i32.add (local.get $input) (i32.shl (local.get $pairs) (i32.const 4))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $input) (local.get $end)))
        (local.set $x (v128.load (local.get $input)))

        ;; First hidden layer: u_j = tanh(b1_j + W1_j x).
        ${UNITS.map(firstLayerUnit).join('\n        ')}

        ;; Second hidden layer: s_o = tanh(b2_o + sum_j W2_oj u_j).
        ${UNITS.map(secondLayerUnit).join('\n        ')}

        ${UNITS.map((j) => storeLanes('$h1', `$u${j}`, j)).join('\n        ')}
        ${UNITS.map((o) => storeLanes('$h2', `$s${o}`, o)).join('\n        ')}
        (v128.store (local.get $out) ${dot(
          UNITS.map((o) => [`$v${o}`, `$s${o}`]),
          '$e',
        )})

        (local.set $input (i32.add (local.get $input) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $h1 (i32.add (local.get $h1) (i32.const ${2 * ROW_BYTES})))
        (local.set $h2 (i32.add (local.get $h2) (i32.const ${2 * ROW_BYTES})))
        (br $pair))))`;
}

function declare(names: string[]): string {
  return names.map((name) => `(local ${name} v128)`).join(' ');
}

function loadConstant(name: string, index: number): string {
  const at = LAYOUT.constants + 8 * index;
  return `(local.set $${name} (v128.load64_splat (i32.const ${at})))`;
}

/** Locals holding every parameter, splatted to both lanes. */
function parameterLocals(): string[] {
  return [...parameterSlots().keys()];
}

function parameterSlots(): Map<string, number> {
  const slots = new Map<string, number>();
  for (const j of UNITS) slots.set(`$a${j}`, W1 + j);
  for (const j of UNITS) slots.set(`$b${j}`, B1 + j);
  for (const o of UNITS) {
    for (const j of UNITS) slots.set(`$w${o}${j}`, W2 + WIDTH * o + j);
  }
  for (const o of UNITS) slots.set(`$d${o}`, B2 + o);
  for (const o of UNITS) slots.set(`$v${o}`, W3 + o);
  slots.set('$e', B3);
  return slots;
}

function loadParameters(): string {
  return [...parameterSlots()]
    .map(
      ([name, index]) =>
        `(local.set ${name} (v128.load64_splat (i32.const ${LAYOUT.params + 8 * index})))`,
    )
    .join('\n    ');
}

function firstLayerUnit(j: number): string {
  const u = `$u${j}`;
  const pre = `(f64x2.add (local.get $b${j}) (f64x2.mul (local.get $a${j}) (local.get $x)))`;
  return `(local.set ${u} ${pre})\n        ${tanh(u)}`;
}

function secondLayerUnit(o: number): string {
  const s = `$s${o}`;
  const pre = dot(
    UNITS.map((j) => [`$w${o}${j}`, `$u${j}`]),
    `$d${o}`,
  );
  return `(local.set ${s} ${pre})\n        ${tanh(s)}`;
}

/**
 * [bias +] w_0 x_0 + w_1 x_1 + ..., summed left to right as JavaScript
 * does; every name is a local.
 */
function dot(terms: string[][], bias?: string): string {
  const product = ([w, x]: string[]) =>
    `(f64x2.mul (local.get ${w}) (local.get ${x}))`;
  const first = bias === undefined ? product(terms[0]) : `(local.get ${bias})`;
  const rest = bias === undefined ? terms.slice(1) : terms;
  return rest.reduce(
    (sum, term) => `(f64x2.add ${sum} ${product(term)})`,
    first,
  );
}

/**
 * Replaces local `v` by its tanh, step for step as `tanh` in
 * activation.ts: clamp; k = trunc(v * 64 + 1248.5); r = v - (k - 1248) / 64
 * (times 1/64, the same number); t = tanh(r) by its series;
 * (T + t) / (1 + T t) with T = table[k].
 */
function tanh(v: string): string {
  const get = (name: string) => `(local.get ${name})`;
  const knot = `(f64x2.mul (f64x2.convert_low_i32x4_s (i32x4.sub ${get('$k')} ${get('$offset')})) ${get('$inverseSteps')})`;
  const series = `(f64x2.add ${get('$c1')} (f64x2.mul ${get('$z')} (f64x2.add ${get('$c2')} (f64x2.mul ${get('$z')} ${get('$c3')}))))`;
  return [
    `(local.set ${v} (f64x2.pmin (f64x2.pmax ${get(v)} ${get('$minusLimit')}) ${get('$limit')}))`,
    `(local.set $k (i32x4.trunc_sat_f64x2_s_zero (f64x2.add (f64x2.mul ${get(v)} ${get('$steps')}) ${get('$round')})))`,
    `(local.set $r (f64x2.sub ${get(v)} ${knot}))`,
    `(local.set $z (f64x2.mul ${get('$r')} ${get('$r')}))`,
    `(local.set $t (f64x2.add ${get('$r')} (f64x2.mul (f64x2.mul ${get('$r')} ${get('$z')}) ${series})))`,
    `(local.set $big ${tableLanes()})`,
    `(local.set ${v} (f64x2.div (f64x2.add ${get('$big')} ${get('$t')}) (f64x2.add ${get('$one')} (f64x2.mul ${get('$big')} ${get('$t')}))))`,
  ].join('\n        ');
}

/** [table[k_0], table[k_1]]: two scalar loads into the lanes. */
function tableLanes(): string {
  const address = (lane: number) =>
    `(i32.add (i32.const ${LAYOUT.table}) (i32.shl (i32x4.extract_lane ${lane} (local.get $k)) (i32.const 3)))`;
  return `(v128.load64_lane 1 ${address(1)} (v128.load64_zero ${address(0)}))`;
}

/** Stores both lanes of `value` as unit `unit` of two consecutive rows. */
function storeLanes(base: string, value: string, unit: number): string {
  const first = `(v128.store64_lane offset=${8 * unit} 0 (local.get ${base}) (local.get ${value}))`;
  const second = `(v128.store64_lane offset=${ROW_BYTES + 8 * unit} 1 (local.get ${base}) (local.get ${value}))`;
  return `${first}\n        ${second}`;
}

/*
 * The backward pass packs units into vectors: group "01" holds units 0 and
 * 1, "23" units 2 and 3, "4" unit 4 in lane 0 and a spare lane 1. Hidden
 * rows load as (h_0, h_1), (h_2, h_3) and (h_4, 1); weights of the spare
 * lane are 0, so what it computes is never stored, with one exception:
 * the output layer's spare lane computes dy * 1 = dy, which is exactly
 * the output bias's term.
 */
const GROUPS = ['01', '23', '4'] as const;
type Group = (typeof GROUPS)[number];

/** First unit of each group: its byte offset in a row is 8 times this. */
const GROUP_FIRST: Record<Group, number> = { '01': 0, '23': 2, '4': 4 };

function backwardFunction(): string {
  return `
  ;; backward(input, gradOut, rows, h1, h2): byte offsets; given
  ;; d(loss)/d(sample i) at gradOut and the hidden rows the last forward
  ;; pass left in h1 and h2 (for the same parameters and input), writes
  ;; the gradient of every parameter at ${LAYOUT.grads}.
  (func (export "backward")
    (param $input i32) (param $gradOut i32) (param $rows i32) (param $h1 i32)
    (param $h2 i32)
    (local $end i32) (local $x v128) (local $dy v128) (local $one v128)
    (local $spareOne v128) (local $u4 v128)
    ${declare(UNITS.map((o) => `$q${o}`))}
    ${declare(['$S', '$U', '$Q', '$R'].flatMap(groupNames))}
    ${declare(['$V', ...UNITS.map((o) => `$W${o}_`)].flatMap(groupNames))}
    ${declare(['$GV', '$GD', '$GX', '$GA', '$GC'].flatMap(groupNames))}
    ${declare(UNITS.flatMap((o) => [`$G${o}_01`, `$G${o}_23`]))}

    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $spareOne (v128.const f64x2 0 1))
    ${loadBackwardWeights()}

    (local.set $end (i32.add (local.get $input) (i32.shl (local.get $rows) (i32.const 3))))
    (block $done
      (loop $sample
        (br_if $done (i32.ge_u (local.get $input) (local.get $end)))
        (local.set $x (f64x2.splat (f64.load (local.get $input))))
        (local.set $dy (f64x2.splat (f64.load (local.get $gradOut))))
        ${GROUPS.map((g) => loadRow('$S', '$h2', g)).join('\n        ')}
        ${GROUPS.map((g) => loadRow('$U', '$h1', g)).join('\n        ')}

        ;; Output layer (linear): its delta is dy.
        ${GROUPS.map((g) => accumulate(`$GV${g}`, `(f64x2.mul (local.get $dy) (local.get $S${g}))`)).join('\n        ')}

        ;; Second hidden layer: q_o = v_o dy (1 - s_o^2).
        ${GROUPS.map(secondLayerDelta).join('\n        ')}
        ${GROUPS.map((g) => accumulate(`$GD${g}`, `(local.get $Q${g})`)).join('\n        ')}
        ${UNITS.map(splatDelta).join('\n        ')}
        ${UNITS.flatMap((o) => ['01', '23'].map((g) => accumulate(`$G${o}_${g}`, `(f64x2.mul (local.get $q${o}) (local.get $U${g}))`))).join('\n        ')}
        (local.set $u4 (f64x2.splat (f64x2.extract_lane 0 (local.get $U4))))
        ${GROUPS.map((g) => accumulate(`$GX${g}`, `(f64x2.mul (local.get $Q${g}) (local.get $u4))`)).join('\n        ')}

        ;; First hidden layer: r_j = (sum_o W2_oj q_o) (1 - u_j^2).
        ${GROUPS.map(firstLayerDelta).join('\n        ')}
        ${GROUPS.map((g) => accumulate(`$GA${g}`, `(f64x2.mul (local.get $R${g}) (local.get $x))`)).join('\n        ')}
        ${GROUPS.map((g) => accumulate(`$GC${g}`, `(local.get $R${g})`)).join('\n        ')}

        (local.set $input (i32.add (local.get $input) (i32.const 8)))
        (local.set $gradOut (i32.add (local.get $gradOut) (i32.const 8)))
        (local.set $h1 (i32.add (local.get $h1) (i32.const ${ROW_BYTES})))
        (local.set $h2 (i32.add (local.get $h2) (i32.const ${ROW_BYTES})))
        (br $sample)))

    ${storeGradients()})`;
}

function groupNames(prefix: string): string[] {
  return GROUPS.map((g) => `${prefix}${g}`);
}

/** (p[at], p[at + 1]) for a pair group, (p[at], 0) for group "4". */
function weightGroup(group: Group, at: number): string {
  const address = LAYOUT.params + 8 * at;
  return group === '4'
    ? `(f64x2.replace_lane 0 (v128.const f64x2 0 0) (f64.load (i32.const ${address})))`
    : `(v128.load (i32.const ${address}))`;
}

function loadBackwardWeights(): string {
  const lines: string[] = [];
  for (const g of GROUPS) {
    lines.push(`(local.set $V${g} ${weightGroup(g, W3 + GROUP_FIRST[g])})`);
    for (const o of UNITS) {
      const at = W2 + WIDTH * o + GROUP_FIRST[g];
      lines.push(`(local.set $W${o}_${g} ${weightGroup(g, at)})`);
    }
  }
  return lines.join('\n    ');
}

/** Group `group` of the row at `base` into local `prefix + group`. */
function loadRow(prefix: string, base: string, group: Group): string {
  const offset = 8 * GROUP_FIRST[group];
  const value =
    group === '4'
      ? `(f64x2.replace_lane 0 (local.get $spareOne) (f64.load offset=${offset} (local.get ${base})))`
      : `(v128.load offset=${offset} (local.get ${base}))`;
  return `(local.set ${prefix}${group} ${value})`;
}

function accumulate(name: string, term: string): string {
  return `(local.set ${name} (f64x2.add (local.get ${name}) ${term}))`;
}

/** (1 - h^2) for the group in local `name`. */
function slope(name: string): string {
  return `(f64x2.sub (local.get $one) (f64x2.mul (local.get ${name}) (local.get ${name})))`;
}

function secondLayerDelta(group: Group): string {
  const scaled = `(f64x2.mul (local.get $V${group}) (local.get $dy))`;
  return `(local.set $Q${group} (f64x2.mul ${scaled} ${slope(`$S${group}`)}))`;
}

/** q_o in both lanes. */
function splatDelta(o: number): string {
  const group = o < 2 ? '$Q01' : o < 4 ? '$Q23' : '$Q4';
  const lane = o % 2;
  return `(local.set $q${o} (f64x2.splat (f64x2.extract_lane ${lane} (local.get ${group}))))`;
}

function firstLayerDelta(group: Group): string {
  const sum = dot(UNITS.map((o) => [`$W${o}_${group}`, `$q${o}`]));
  return `(local.set $R${group} (f64x2.mul ${sum} ${slope(`$U${group}`)}))`;
}

/** Writes every accumulator's lanes to their parameters' gradient slots. */
function storeGradients(): string {
  const lines: string[] = [];
  const lane = (value: string, index: number, at: number) =>
    lines.push(
      `(v128.store64_lane ${index} (i32.const ${LAYOUT.grads + 8 * at}) (local.get ${value}))`,
    );
  const group = (value: string, g: Group, at: number) => {
    lane(value, 0, at);
    if (g !== '4') lane(value, 1, at + 1);
  };

  for (const g of GROUPS) {
    const first = GROUP_FIRST[g];
    group(`$GA${g}`, g, W1 + first);
    group(`$GC${g}`, g, B1 + first);
    group(`$GD${g}`, g, B2 + first);
    group(`$GV${g}`, g, W3 + first);
  }
  lane('$GV4', 1, B3);
  for (const o of UNITS) {
    group(`$G${o}_01`, '01', W2 + WIDTH * o);
    group(`$G${o}_23`, '23', W2 + WIDTH * o + 2);
  }
  // Column 4 of W2: (g_04, g_14) in GX01, (g_24, g_34) in GX23, g_44 in GX4.
  for (const o of UNITS) {
    const g = o < 2 ? '01' : o < 4 ? '23' : '4';
    lane(`$GX${g}`, o % 2, W2 + WIDTH * o + 4);
  }
  return lines.join('\n    ');
}
