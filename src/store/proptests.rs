//! Bounded property tests: arbitrary entries survive a save and a reopen.

use super::tests::{fresh, reopen};
use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn arb_entries() -> impl Strategy<Value = BTreeMap<String, Entry>> {
    let pos = prop_oneof![
        Just(Position::Top),
        any::<u32>().prop_map(Position::line),
        (any::<u32>(), any::<u32>()).prop_map(|(b, o)| Position::text(b, o)),
    ];
    let entry = (any::<bool>(), any::<bool>(), pos).prop_map(|(read, starred, pos)| Entry {
        read,
        starred,
        pos,
        changed: None,
    });
    prop::collection::btree_map(any::<String>(), entry, 0..20)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_entries_round_trip(entries in arb_entries()) {
        let (_d, mut s) = fresh();
        for (k, e) in &entries {
            s.set_read(k, e.read);
            s.set_starred(k, e.starred);
            s.set_position(k, e.pos);
        }
        s.save().unwrap();
        let again = reopen(&s);
        let want: Vec<_> = entries.iter().filter(|(_, e)| !e.is_blank()).collect();
        let got: Vec<_> = again.iter().collect();
        prop_assert_eq!(got.len(), want.len());
        for ((gk, ge), (wk, we)) in got.iter().zip(want) {
            prop_assert_eq!(*gk, wk.as_str());
            prop_assert!(ge.same_state(we), "{:?} != {:?}", ge, we);
        }
    }
}
