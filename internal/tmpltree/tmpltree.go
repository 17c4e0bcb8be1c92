// Package tmpltree walks the parse trees of Go's templates: the layouts,
// for the templates and partials they call and the message keys they
// give T (package render), and the messages, for the fields their texts
// read (package i18n).
package tmpltree

import "text/template/parse"

// Walk calls visit with n and every node below it, in the order of the
// template's text: the branches of if, range and with (their pipeline,
// then their list, then their else list), the pipelines of actions and
// template calls, the commands of a pipeline and their arguments, and
// the node of a chain.
func Walk(n parse.Node, visit func(parse.Node)) {
	// A template without a pipeline or an else list holds them as nil
	// pointers of their types.
	if n == nil || n == parse.Node((*parse.ListNode)(nil)) || n == parse.Node((*parse.PipeNode)(nil)) {
		return
	}
	visit(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			Walk(c, visit)
		}
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			Walk(c, visit)
		}
	case *parse.ActionNode:
		Walk(n.Pipe, visit)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.BranchNode:
		walkBranch(n, visit)
	case *parse.TemplateNode:
		Walk(n.Pipe, visit)
	case *parse.CommandNode:
		for _, a := range n.Args {
			Walk(a, visit)
		}
	case *parse.ChainNode:
		Walk(n.Node, visit)
	}
}

// walkBranch walks what a branch holds, but not the branch itself, which
// its if, range or with was visited as.
func walkBranch(n *parse.BranchNode, visit func(parse.Node)) {
	Walk(n.Pipe, visit)
	Walk(n.List, visit)
	Walk(n.ElseList, visit)
}
