"""The statutory declaration (开放许可声明) in the GUI: the patent editor's tab, the Declarations view, the batch
fee-estimation notes, the declaration-state column and filter of the portfolio table."""
